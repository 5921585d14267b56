import Foundation
import Logging
import MercatoCore
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Publishes outbox rows in order with publisher confirms and marks them sent.
///
/// Woken by PostgreSQL `NOTIFY` at each commit, polling as a fallback. Each batch is locked with
/// `FOR UPDATE SKIP LOCKED`, so several replicas relay safely: a row is only ever in one relay's
/// hands, and it is marked sent only after the broker confirmed it. A crash between publish and
/// mark-sent publishes that row again after restart — consumers deduplicate by event id (inbox).
public struct OutboxRelay: Service {
    private let database: Database
    private let publisher: any EventPublisher
    private let config: OutboxRelayConfig
    private let logger: Logger
    private let instruments: OutboxInstruments

    /// A relay for `database`'s outbox publishing through `publisher`; its metrics go to `metrics` (nil: the global
    /// metrics system).
    public init(database: Database, publisher: any EventPublisher, config: OutboxRelayConfig, service: String, logger: Logger,
                metrics: (any MetricsFactory)? = nil) {
        self.database = database
        self.publisher = publisher
        self.config = config
        self.logger = logger
        self.instruments = OutboxInstruments(service: service, factory: metrics)
    }

    /// Relays until graceful shutdown.
    public func run() async throws {
        let wakeup = RelaySignal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await listen(wakeup: wakeup) }
            group.addTask { await reportBacklog() }
            group.addTask {
                try await cancelWhenGracefulShutdown { try await relayLoop(wakeup: wakeup) }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Keeps a LISTEN connection open, reconnecting after failures (polling meanwhile); each notification wakes the relay.
    func listen(wakeup: RelaySignal) async {
        await ChannelListener(database: database, channel: Outbox.channel, logger: logger).run { _ in wakeup.signal() }
    }

    func relayLoop(wakeup: RelaySignal) async throws {
        try await database.waitForTable("outbox")
        var lastPrune = ContinuousClock.now - .seconds(3600)
        var failures = 0
        while !Task.isCancelled {
            do {
                try await drain()
                failures = 0
                if ContinuousClock.now - lastPrune > .milliseconds(Int(config.pruneInterval * 1000)) {
                    try await prune()
                    lastPrune = .now
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                let delay = min(config.maxRetryDelay, config.retryDelay * pow(2, Double(min(failures - 1, 16))))
                logger.warning("outbox relay failed; retrying", metadata: ["error": "\(String(reflecting: error))", "delay_s": "\(delay)"])
                // Shutdown while waiting to retry is the normal end of the loop, not an error for the service group.
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                continue
            }
            // Wait for a NOTIFY or the poll interval, whichever comes first.
            await wakeup.wait(timeout: .milliseconds(Int(config.pollInterval * 1000)))
        }
    }

    /// Publishes batches until no unsent row is left; throws after committing what was confirmed when a publish fails.
    public func drain() async throws {
        while true {
            let batch = try await relayBatch()
            if let failure = batch.failure { throw failure }
            if batch.size < config.batchSize { return }
        }
    }

    /// Publishes one batch in order inside a transaction and marks the confirmed rows sent. A failed publish is
    /// recorded on its row and returned, not thrown, so the confirmed rows' marks still commit.
    func relayBatch() async throws -> (size: Int, failure: OutboxPublishFailure?) {
        try await database.withTransaction { connection in
            let rows = try await connection.run("""
                SELECT seq, event_id, event_type, routing_key, subject, body, traceparent FROM outbox
                WHERE sent_at IS NULL ORDER BY seq LIMIT \(config.batchSize) FOR UPDATE SKIP LOCKED
                """)
            guard !rows.isEmpty else { return (0, nil) }
            var events: [OutgoingEvent] = []
            for row in rows {
                let (seq, id, type, key, subject, body, traceparent) = try row.decode((Int64, UUID, String, String, String, String, String?).self)
                events.append(OutgoingEvent(sequence: seq, eventID: id, eventType: type, routingKey: key, subject: subject,
                                            body: Data(body.utf8), traceparent: traceparent))
            }
            let outcome = await publisher.publish(events)
            let confirmed = events.prefix(outcome.confirmed).map(\.sequence)
            if !confirmed.isEmpty, config.pauseBeforeMarkSent > 0 {
                logger.warning("fault injection: pausing before marking rows sent",
                               metadata: ["rows": "\(confirmed.count)", "pause_s": "\(config.pauseBeforeMarkSent)"])
                try await Task.sleep(for: .milliseconds(Int(config.pauseBeforeMarkSent * 1000)))
            }
            if !confirmed.isEmpty {
                try await connection.run("UPDATE outbox SET sent_at = now() WHERE seq = ANY(\(confirmed))")
                instruments.published.increment(by: confirmed.count)
            }
            guard let failure = outcome.failure, outcome.confirmed < events.count else { return (events.count, nil) }
            let failed = events[outcome.confirmed].sequence
            let reason = String(String(describing: failure).prefix(500))
            try await connection.run("UPDATE outbox SET attempts = attempts + 1, last_error = \(reason) WHERE seq = \(failed)")
            instruments.failures.increment()
            return (events.count, OutboxPublishFailure(sequence: failed, underlying: reason))
        }
    }

    /// Deletes rows sent longer ago than the retention period.
    public func prune() async throws {
        try await database.query("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => \(config.retention))")
    }

    /// Reads the backlog from the table every poll interval, apart from the relay loop: a relay that is stuck or
    /// retrying must not freeze the gauges at what it last saw. While the table cannot be read they keep their value.
    func reportBacklog() async {
        while !Task.isCancelled {
            try? await updateBacklogGauges()
            try? await Task.sleep(for: .milliseconds(Int(config.pollInterval * 1000)))
        }
    }

    func updateBacklogGauges() async throws {
        let backlog = try await Outbox.backlog(in: database)
        instruments.backlog.record(backlog.unsent)
        instruments.oldestAge.record(backlog.oldestUnsentAgeSeconds)
    }
}

/// A publish was not confirmed; the row stays unsent and is retried.
public struct OutboxPublishFailure: Error, CustomStringConvertible {
    /// The outbox row that failed.
    public var sequence: Int64
    /// The publisher's error.
    public var underlying: String
    /// For logs.
    public var description: String { "publishing outbox row \(sequence) failed: \(underlying)" }
}

/// Outbox metrics: published and failed counters, backlog and oldest-unsent-age gauges.
struct OutboxInstruments: Sendable {
    let published: Counter
    let failures: Counter
    let backlog: Gauge
    let oldestAge: Gauge

    init(service: String, factory: (any MetricsFactory)?) {
        let dimensions = [("service", service)]
        let factory = factory ?? MetricsSystem.factory
        published = Counter(label: "outbox_published_total", dimensions: dimensions, factory: factory)
        failures = Counter(label: "outbox_publish_failures_total", dimensions: dimensions, factory: factory)
        backlog = Gauge(label: "outbox_backlog", dimensions: dimensions, factory: factory)
        oldestAge = Gauge(label: "outbox_oldest_unsent_age_seconds", dimensions: dimensions, factory: factory)
    }
}

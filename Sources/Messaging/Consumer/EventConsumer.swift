import AMQP
import Foundation
import Logging
import MercatoCore
import NIOCore
import ServiceLifecycle
import Tracing

/// Consumes a service's events from RabbitMQ and applies them through its `EventHandlers`.
///
/// Declares the service's topology at start (idempotently), then handles deliveries in `events.concurrency` lanes
/// (one subject always in the same lane, so in order; each lane one delivery at a time): the handler
/// runs in a transaction with the inbox claim, and the delivery is acked only after that commit. A transient
/// failure republishes the message to the next retry queue (confirmed) before acking; a permanent one, or one
/// past the last retry, goes to `<service>.dlq` with the reason in `x-mercato-reason`. If even that publish
/// fails, the delivery is nacked back to the queue: nothing is acked unhandled. A redelivery after a crash is
/// harmless because of the inbox. Reconnects by itself; at graceful shutdown it stops taking deliveries,
/// finishes the current one, and closes (unacked prefetched deliveries return to the queue). When a handler finds the
/// database away (`DatabaseUnavailable`), the consumer gives that delivery back, closes its channel (every prefetched
/// delivery returns to the queue) and takes no work until the database answers again: nothing is held unacknowledged
/// and nothing is retried towards the dead-letter queue because of an outage.
public struct EventConsumer: Service {
    private let service: String
    private let handlers: EventHandlers
    private let database: Database
    private let config: MessagingConfig
    private let logger: Logger
    private let topology: EventTopology
    private let instruments: ConsumerInstruments

    /// A consumer for `service`'s queue applying `handlers` on `database`.
    public init(service: String, handlers: EventHandlers, database: Database, config: MessagingConfig, logger: Logger) {
        self.service = service
        self.handlers = handlers
        self.database = database
        self.config = config
        self.logger = logger
        self.topology = EventTopology(service: service, retryDelays: config.retryDelays, exchange: config.exchange)
        self.instruments = ConsumerInstruments(service: service)
    }

    /// Consumes until graceful shutdown, reconnecting after failures.
    public func run() async throws {
        var failures = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let end = try await consumeOnce()
                if Task.isShuttingDownGracefully { return }
                failures = 0
                if end == .databaseUnavailable { await waitForDatabase() }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                let delay = min(30.0, 0.5 * pow(2, Double(min(failures - 1, 6))))
                logger.warning("event consumer cannot reach RabbitMQ; retrying",
                               metadata: ["error": "\(error)", "delay_s": "\(delay)", "queue": "\(topology.mainQueue)"])
                // A graceful shutdown ends the wait at once (a broker that is down must not hold up shutdown).
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
            }
        }
    }

    /// How a consuming session ended.
    enum SessionEnd { case stopped, databaseUnavailable }

    /// Pings the database until it answers (each ping bounded by the lease timeout), or graceful shutdown.
    private func waitForDatabase() async {
        logger.warning("database unavailable; consumer paused until it answers", metadata: ["queue": "\(topology.mainQueue)"])
        instruments.paused.increment()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if (try? await database.ping()) != nil {
                logger.info("database answers again; consumer resumes", metadata: ["queue": "\(topology.mainQueue)"])
                return
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    /// One connection's life: declare, consume until shutdown, until the connection is gone for good, or until the
    /// database is found away.
    private func consumeOnce() async throws -> SessionEnd {
        var amqp = config.amqp
        amqp.connectionName = amqp.connectionName ?? "\(service) event consumer"
        let connection = try await AMQPConnection.connect(configuration: amqp, logger: logger)
        do {
            let channel = try await connection.openChannel()
            try await topology.declare(on: channel, routingKeys: handlers.routingKeys)
            try await channel.qos(prefetchCount: config.prefetch)
            try await channel.confirmSelect()
            let consumer = try await channel.consume(queue: topology.mainQueue, consumerTag: "\(service).\(UUID().uuidString.prefix(8))")
            logger.info("consuming events", metadata: ["queue": "\(topology.mainQueue)", "types": "\(handlers.eventTypes.count)"])
            let pause = ConsumerPause()
            try await handleInLanes(consumer, on: channel, pause: pause)
            try? await connection.close()
            return pause.isRequested ? .databaseUnavailable : .stopped
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Hands deliveries to `config.concurrency` lanes, each handling its deliveries one at a time; a subject always
    /// maps to the same lane, so one aggregate's events are applied in the order they arrive. Returns when the
    /// consumer ends (graceful shutdown, lost for good) and every lane has finished what it was given.
    /// After a pause is requested, lanes leave their remaining deliveries alone: closing the channel returns them.
    private func handleInLanes(_ consumer: AMQPConsumer, on channel: AMQPChannel, pause: ConsumerPause) async throws {
        let lanes = (0..<config.concurrency).map { _ in AsyncStream.makeStream(of: AMQPDelivery.self) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in lanes {
                group.addTask {
                    for await delivery in lane.stream where !pause.isRequested {
                        if await process(delivery, on: channel) == .pause, pause.request() {
                            // Ends the intake loop below; the broker requeues every unacknowledged delivery.
                            try? await channel.close()
                        }
                    }
                }
            }
            defer { for lane in lanes { lane.continuation.finish() } }
            for try await delivery in consumer.cancelOnGracefulShutdown() {
                lanes[Self.lane(of: delivery, among: lanes.count)].continuation.yield(delivery)
            }
        }
    }

    /// The lane of a delivery: by its subject header (events without one share lane 0).
    static func lane(of delivery: AMQPDelivery, among count: Int) -> Int {
        guard count > 1, case .string(let subject)? = delivery.properties.headers?[EventHeaders.subject] else { return 0 }
        var hasher = Hasher()
        hasher.combine(subject)
        return Int(UInt(bitPattern: hasher.finalize()) % UInt(count))
    }

    /// Handles one delivery and settles it (ack, retry copy, dead-letter copy, or nack back); returns the decision.
    @discardableResult
    func process(_ delivery: AMQPDelivery, on channel: AMQPChannel) async -> DeliveryDecision {
        let headers = delivery.properties.headers ?? [:]
        let attempt = headers[EventHeaders.attempt]?.integerValue ?? 1
        let eventType = delivery.properties.type.flatMap { handlers.eventTypes.contains($0) ? $0 : nil } ?? "unknown"
        var context = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(headers, into: &context, using: AMQPHeaderExtractor())
        return await withSpan("consume \(eventType)", context: context, ofKind: .consumer) { span in
            span.attributes["messaging.system"] = "rabbitmq"
            span.attributes["messaging.destination.name"] = topology.mainQueue
            span.attributes["messaging.message.id"] = delivery.properties.messageID ?? ""
            span.attributes["mercato.attempt"] = attempt
            let started = ContinuousClock.now
            var failure: (any Error)?
            var outcome = EventApplication.applied
            do {
                outcome = try await handlers.apply(body: Data(buffer: delivery.body), attempt: attempt, consumer: service, database: database)
            } catch {
                failure = error
                span.recordError(error)
            }
            instruments.handled(type: eventType, duration: ContinuousClock.now - started)
            let decision = DeliveryDecision.decide(attempt: attempt, failure: failure, retryDelays: config.retryDelays)
            await settle(delivery, decision: decision, outcome: outcome, eventType: eventType, attempt: attempt, on: channel)
            return decision
        }
    }

    private func settle(_ delivery: AMQPDelivery, decision: DeliveryDecision, outcome: EventApplication, eventType: String,
                        attempt: Int, on channel: AMQPChannel) async {
        do {
            switch decision {
            case .acknowledge:
                try await delivery.ack()
                instruments.consumed(type: eventType, outcome: outcome == .applied ? "applied" : "duplicate")
            case .retry(let retry, let reason):
                try await republish(delivery, to: topology.retryQueue(retry), attempt: attempt + 1, reason: reason, on: channel)
                try await delivery.ack()
                instruments.retried(type: eventType)
                logger.warning("event handling failed; retrying",
                               metadata: ["event_type": "\(eventType)", "attempt": "\(attempt)", "reason": "\(reason)"])
            case .requeue, .pause:
                try await delivery.nack(requeue: true)
            case .deadLetter(let reason):
                try await republish(delivery, to: topology.deadLetterQueue, attempt: attempt, reason: reason, deadLettered: true, on: channel)
                try await delivery.ack()
                instruments.deadLettered(type: eventType)
                logger.error("event dead-lettered", metadata: ["event_type": "\(eventType)", "reason": "\(reason)",
                                                               "message_id": "\(delivery.properties.messageID ?? "")"])
            }
        } catch {
            // Not settled: give it back to the broker (a lost connection requeues it anyway).
            logger.warning("could not settle a delivery; it will be redelivered", metadata: ["error": "\(error)"])
            try? await delivery.nack(requeue: true)
        }
    }

    /// Publishes a copy of `delivery` straight to `queue` (default exchange) and waits for the broker's confirm.
    private func republish(_ delivery: AMQPDelivery, to queue: String, attempt: Int, reason: String, deadLettered: Bool = false,
                           on channel: AMQPChannel) async throws {
        var properties = delivery.properties
        var headers = properties.headers ?? [:]
        if headers[EventHeaders.originalRoutingKey] == nil {
            headers[EventHeaders.originalRoutingKey] = .string(delivery.routingKey)
        }
        headers[EventHeaders.attempt] = .int32(Int32(clamping: attempt))
        headers[EventHeaders.reason] = .string(reason)
        if deadLettered {
            headers[EventHeaders.deadLetteredAt] = .string(Date().formatted(.iso8601))
        }
        properties.headers = headers
        properties.deliveryMode = 2
        try await channel.publish(delivery.body, exchange: "", routingKey: queue, properties: properties)
    }
}

/// Reads trace context out of AMQP message headers.
struct AMQPHeaderExtractor: Extractor {
    func extract(key: String, from carrier: AMQPTable) -> String? {
        if case .string(let value) = carrier[key] { return value }
        return nil
    }
}

extension AMQPFieldValue {
    /// The value as an integer, for any integer field type.
    var integerValue: Int? {
        switch self {
        case .int8(let v): Int(v)
        case .uint8(let v): Int(v)
        case .int16(let v): Int(v)
        case .uint16(let v): Int(v)
        case .int32(let v): Int(v)
        case .uint32(let v): Int(v)
        case .int64(let v): Int(v)
        case .string(let v): Int(v)
        default: nil
        }
    }
}

import AMQP
import Contracts
import Foundation
import Logging
import MercatoCore
import Messaging
import Synchronization

/// End-to-end event latency: a producer commits one outbox event at a time at a steady rate; the relay
/// publishes it with confirms; an `EventConsumer` applies it through the inbox. Latency is from the producer's
/// COMMIT returning to the consumer's handler finishing (inside its transaction, just before its commit).
struct EventLatencyRun {
    /// Events per second the producer commits.
    var rate: Int
    /// Seconds of steady production.
    var seconds: Double

    /// What one run measured.
    struct Result {
        var produced: Int
        var consumed: Int
        var achievedRate: Double
        /// Latencies in milliseconds, sorted.
        var latencies: [Double]

        /// The `p`-th percentile (0–100) in milliseconds.
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let index = min(latencies.count - 1, max(0, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1))
            return latencies[index]
        }
    }

    /// Runs against `database` (its outbox/inbox tables are created if missing) and the broker at `amqp`.
    func run(database: Database, amqp: AMQPConfiguration, logger: Logger) async throws -> Result {
        try await MigrationRunner(database: database, service: "eventbench", migrations: [
            MessagingMigrations.outbox(version: 1), MessagingMigrations.inbox(version: 2),
        ]).run()
        try await database.query("TRUNCATE outbox, inbox")
        let service = "eventbench-\(UUID().uuidString.prefix(6).lowercased())"
        let finished = Mutex<[UUID: ContinuousClock.Instant]>([:])
        var handlers = EventHandlers()
        handlers.on(StockUpdated.self) { event, _ in
            let now = ContinuousClock.now
            finished.withLock { $0[event.id] = now }
        }
        let config = MessagingConfig(amqp: amqp, prefetch: 64, retryDelays: [1])
        let topology = EventTopology(service: service, retryDelays: config.retryDelays)
        let setup = try await AMQPConnection.connect(configuration: amqp)
        try await topology.declare(on: try await setup.openChannel(), routingKeys: handlers.routingKeys)
        let consumer = EventConsumer(service: service, handlers: handlers, database: database, config: config, logger: logger)
        let publisher = AMQPEventPublisher(configuration: amqp, service: service, logger: logger)
        let relay = OutboxRelay(database: database, publisher: publisher, config: OutboxRelayConfig(pollInterval: 1),
                                service: service, logger: logger)
        var committed: [UUID: ContinuousClock.Instant] = [:]
        var producing = Duration.zero
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            group.addTask { try await relay.run() }
            group.addTask { try await publisher.run() }
            let interval = Duration.seconds(1) / rate
            let start = ContinuousClock.now
            let total = Int(Double(rate) * seconds)
            // Each event is its own transaction, started on schedule whether or not earlier commits have returned
            // (an open-loop producer: a slow commit must not lower the offered rate).
            let commits = InstantsByEvent()
            try await withThrowingTaskGroup(of: Void.self) { producers in
                for index in 0..<total {
                    try await ContinuousClock().sleep(until: start + interval * index)
                    producers.addTask {
                        let id = try await database.withTransaction { connection in
                            try await Outbox.enqueue(StockUpdated(productID: UUID(), delta: 1, reason: "bench", onHand: index, reserved: 0,
                                                                  available: index), subject: "product-\(index % 64)", on: connection)
                        }
                        let now = ContinuousClock.now
                        commits.record(id, at: now)
                    }
                }
                try await producers.waitForAll()
            }
            producing = ContinuousClock.now - start
            committed = commits.all
            let deadline = ContinuousClock.now + .seconds(30)
            while finished.withLock({ $0.count }) < committed.count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            group.cancelAll()
        }
        let channel = try await setup.openChannel()
        for queue in [topology.mainQueue, topology.deadLetterQueue, topology.retryQueue(1)] { _ = try? await channel.queueDelete(queue) }
        try? await setup.close()
        let done = finished.withLock { $0 }
        let latencies = committed.compactMap { id, at in done[id].map { ($0 - at) / .milliseconds(1) } }.sorted()
        return Result(produced: committed.count, consumed: latencies.count, achievedRate: Double(committed.count) / max(producing / .seconds(1), 0.001),
                      latencies: latencies)
    }
}

/// Commit times per event id, shared by the producer tasks.
final class InstantsByEvent: Sendable {
    private let instants = Mutex<[UUID: ContinuousClock.Instant]>([:])

    func record(_ id: UUID, at instant: ContinuousClock.Instant) { instants.withLock { $0[id] = instant } }

    var all: [UUID: ContinuousClock.Instant] { instants.withLock { $0 } }
}

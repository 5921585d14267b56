import Contracts
import Foundation
import Logging
import MercatoCore
import MercatoTestSupport
import Messaging
import Synchronization

/// A publisher that records what it was given and can be told to fail.
final class RecordingPublisher: EventPublisher {
    let published = Mutex<[OutgoingEvent]>([])
    /// Fail when this many more events have been confirmed (nil: never).
    let failAfter = Mutex<Int?>(nil)

    struct BrokerDown: Error {}

    func publish(_ events: [OutgoingEvent]) async -> PublishOutcome {
        var confirmed = 0
        for event in events {
            let fail = failAfter.withLock { remaining -> Bool in
                guard let left = remaining else { return false }
                if left == 0 { return true }
                remaining = left - 1
                return false
            }
            if fail { return PublishOutcome(confirmed: confirmed, failure: BrokerDown()) }
            published.withLock { $0.append(event) }
            confirmed += 1
        }
        return PublishOutcome(confirmed: confirmed, failure: nil)
    }

    var all: [OutgoingEvent] { published.withLock { $0 } }
}

/// A fresh database (on the shared test server, or the one `config` names) with the outbox and inbox tables, its
/// pool running for the duration of `body`.
func withMessagingDatabase(config: PostgresConfig? = nil, _ body: @Sendable (Database) async throws -> Void) async throws {
    let config = if let config { config } else { try await TestPostgres.freshDatabase(prefix: "messaging") }
    var logger = Logger(label: "test.messaging")
    logger.logLevel = .warning
    let database = Database(config: config, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await database.run() }
        try await MigrationRunner(database: database, service: "messaging-test", migrations: [
            MessagingMigrations.outbox(version: 1), MessagingMigrations.inbox(version: 2),
        ]).run()
        try await body(database)
        group.cancelAll()
    }
}

/// Enqueues `count` stock events, one transaction each.
func enqueueStockEvents(_ count: Int, on database: Database) async throws {
    for index in 0..<count {
        _ = try await database.withTransaction { connection in
            try await Outbox.enqueue(StockUpdated(productID: UUID(), delta: index + 1, reason: "restock", onHand: index + 1, reserved: 0,
                                                  available: index + 1), subject: "p-\(index)", on: connection)
        }
    }
}

func relay(_ database: Database, _ publisher: RecordingPublisher, batchSize: Int = 100, pollInterval: Double = 1) -> OutboxRelay {
    OutboxRelay(database: database, publisher: publisher, config: OutboxRelayConfig(batchSize: batchSize, pollInterval: pollInterval),
                service: "test", logger: database.logger)
}

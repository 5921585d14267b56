import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import ServiceLifecycle
import Testing

/// The outbox against a real PostgreSQL: written with the change or not at all, relayed in order,
/// exactly once across replicas, retried after a failed publish, woken by NOTIFY, pruned.
@Suite struct OutboxTests {
    struct Refused: Error {}

    @Test func eventExistsOnlyIfItsTransactionCommits() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(1, on: database)
            await #expect(throws: Refused.self) {
                try await database.withTransaction { connection in
                    try await Outbox.enqueue(UserDeleted(userID: UUID()), subject: "u", on: connection)
                    throw Refused()
                }
            }
            let rows = try await database.query("SELECT event_type, routing_key, body FROM outbox")
            #expect(rows.count == 1)
            let (type, key, body) = try rows[0].decode((String, String, String).self)
            #expect(type == "mercato.catalog.stock-updated.v1")
            #expect(key == "catalog.stock-updated.v1")
            let envelope = try EventCoding.decoder().decode(EventEnvelope<StockUpdated>.self, from: Data(body.utf8))
            #expect(envelope.subject == "p-0")
        }
    }

    @Test func relayPublishesInOrderAndMarksSent() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(25, on: database)
            let publisher = RecordingPublisher()
            try await relay(database, publisher, batchSize: 10).drain()
            #expect(publisher.all.map(\.sequence) == Array(1...25).map(Int64.init))
            let unsent = try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL")
            #expect(try unsent[0].decode(Int.self) == 0)
            try await relay(database, publisher).drain()
            #expect(publisher.all.count == 25, "sent rows are not published again")
        }
    }

    @Test func aFailedPublishLeavesTheRestForTheNextAttempt() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(5, on: database)
            let publisher = RecordingPublisher()
            publisher.failAfter.withLock { $0 = 2 }
            await #expect(throws: OutboxPublishFailure.self) { try await relay(database, publisher).drain() }
            let state = try await database.query("SELECT seq, sent_at IS NOT NULL, attempts FROM outbox ORDER BY seq")
            let decoded = try state.map { try $0.decode((Int64, Bool, Int).self) }
            #expect(decoded.map(\.1) == [true, true, false, false, false])
            #expect(decoded[2].2 == 1)
            publisher.failAfter.withLock { $0 = nil }
            try await relay(database, publisher).drain()
            #expect(publisher.all.map(\.sequence) == [1, 2, 3, 4, 5])
        }
    }

    @Test func concurrentRelaysPublishEachEventOnce() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(120, on: database)
            let publisher = RecordingPublisher()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await relay(database, publisher, batchSize: 7).drain() } }
                try await group.waitForAll()
            }
            let sequences = publisher.all.map(\.sequence)
            #expect(sequences.count == 120)
            #expect(Set(sequences).count == 120)
        }
    }

    @Test func notifyWakesTheRelayBeforeThePollInterval() async throws {
        try await withMessagingDatabase { database in
            let publisher = RecordingPublisher()
            let service = relay(database, publisher, pollInterval: 60)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                try await Task.sleep(for: .milliseconds(500))
                try await enqueueStockEvents(1, on: database)
                let deadline = ContinuousClock.now + .seconds(5)
                while publisher.all.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(publisher.all.count == 1, "the commit's NOTIFY should wake the relay well before 60 s")
                group.cancelAll()
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func gracefulShutdownWhileWaitingToRetryEndsTheRelayCleanly() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(1, on: database)
            let publisher = RecordingPublisher()
            publisher.failAfter.withLock { $0 = 0 }
            let relay = OutboxRelay(database: database, publisher: publisher,
                                    config: OutboxRelayConfig(pollInterval: 1, retryDelay: 30, maxRetryDelay: 30),
                                    service: "test", logger: database.logger)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: relay)], logger: database.logger))
            let running = Task { try await group.run() }
            #expect(try await eventually(seconds: 10) {
                try await database.query("SELECT attempts FROM outbox").first?.decode(Int.self) ?? 0 > 0
            }, "the relay tried and failed once")
            try await Task.sleep(for: .milliseconds(200))  // now inside the 30 s wait before the next attempt
            await group.triggerGracefulShutdown()
            await #expect(throws: Never.self) { try await running.value }
        }
    }

    @Test func pruneDeletesOnlyOldSentRows() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(3, on: database)
            try await relay(database, RecordingPublisher()).drain()
            try await enqueueStockEvents(1, on: database)
            try await database.query("UPDATE outbox SET sent_at = now() - interval '8 days' WHERE seq = 1")
            try await relay(database, RecordingPublisher()).prune()
            let left = try await database.query("SELECT seq FROM outbox ORDER BY seq")
            #expect(try left.map { try $0.decode(Int64.self) } == [2, 3, 4])
        }
    }
}

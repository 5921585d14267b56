import Configuration
import Foundation
import HTTPTypes
import Logging
import MercatoCore
import MetricsTestKit
import Testing
@testable import OrdersService

/// Tier: integration on a real PostgreSQL. Expired idempotency keys are deleted, live ones kept, replicas never collide.
@Suite struct IdempotencyKeySweepTests {
    static let day: Double = 86400

    /// A sweep with the default retention (1 day) and lease (30 s), counting into `metrics`.
    static func sweep(_ database: Database, batch: Int = 500, metrics: TestMetrics = TestMetrics(), interval: Double = 60) -> IdempotencyKeySweep {
        let config = OrdersConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
            "orders.idempotencySweepInterval": .init(.double(interval), isSecret: false),
        ])))
        return IdempotencyKeySweep(database: database, config: config, metrics: OrderMetrics(factory: metrics),
                                   logger: Logger(label: "test.idempotency-sweep"), batchSize: batch)
    }

    @Test func expiredKeysAreDeletedInBatchesAndTheRestKept() async throws {
        try await withOrdersDatabase { database in
            let metrics = TestMetrics()
            let sweep = Self.sweep(database, batch: 2, metrics: metrics)
            // (key, completed, age in seconds): ages stay a minute clear of each boundary.
            let cases: [(String, Bool, Double)] = [
                ("old-1", true, Self.day + 60), ("old-2", true, Self.day + 3600), ("old-3", true, 3 * Self.day),
                ("old-4", true, 30 * Self.day), ("old-5", true, Self.day + 120),
                ("young", true, Self.day - 60), ("new", true, 0),
                ("abandoned", false, Self.day + 60), ("lease-run-out", false, 3600), ("live", false, 0),
            ]
            let customer = UUID()
            for (key, completed, age) in cases { try await database.storeKey(customer: customer, key, completed: completed, age: age) }
            let expected = Set(cases.filter { sweep.retention.isExpired(claimedAt: Date().addingTimeInterval(-$0.2), completed: $0.1, now: Date()) }
                .map(\.0))
            #expect(expected == ["old-1", "old-2", "old-3", "old-4", "old-5", "abandoned"])

            #expect(try await sweep.sweep() == .init(completed: 5, abandoned: 1))
            #expect(try await database.keys(of: customer) == ["lease-run-out", "live", "new", "young"])
            #expect(metrics.counterTotal(label: "orders_idempotency_keys_deleted_total", dimensions: [("state", "completed")]) == 5)
            #expect(metrics.counterTotal(label: "orders_idempotency_keys_deleted_total", dimensions: [("state", "abandoned")]) == 1)
            #expect(try await sweep.sweep() == .init(), "a second sweep finds nothing")
        }
    }

    @Test func aLiveClaimIsNotDeletedAndStillConflicts() async throws {
        try await withOrdersDatabase { database in
            let store = IdempotencyStore(database: database, lease: 30)
            let customer = UUID()
            #expect(try await store.claim(customer: customer, key: "in-flight", fingerprint: "f") == .claimed)
            try await database.storeKey(customer: customer, "expired", completed: true, age: 2 * Self.day)
            #expect(try await Self.sweep(database).sweep() == .init(completed: 1, abandoned: 0))
            #expect(try await database.keys(of: customer) == ["in-flight"])
            #expect(try await store.claim(customer: customer, key: "in-flight", fingerprint: "f") == .inFlight)
        }
    }

    @Test(.timeLimit(.minutes(1))) func sweepsRacingNeitherWaitNorDeleteARowTwice() async throws {
        try await withOrdersDatabase { database in
            let customer = UUID()
            try await database.storeKeys(customer: customer, prefix: "old", count: 300, age: 2 * Self.day)
            try await database.storeKeys(customer: customer, prefix: "young", count: 5, age: 60)
            let first = Self.sweep(database, batch: 200)
            let second = Self.sweep(database, batch: 200)
            // A request holds 20 expired keys meanwhile: both sweeps skip them instead of waiting.
            try await database.withTransaction { connection in
                let held = try await connection.run("""
                    SELECT key FROM idempotency_keys WHERE key LIKE 'old-%' ORDER BY key LIMIT 20 FOR UPDATE
                    """)
                #expect(held.count == 20)
                async let a = first.sweepBatch()
                async let b = second.sweepBatch()
                let (one, two) = try await (a, b)
                // Each unheld row is locked by exactly one of them; 2 × 200 covers all 280.
                #expect(one.total + two.total == 280)
                #expect(one.abandoned == 0 && two.abandoned == 0)
            }
            #expect(try await first.sweep() == .init(completed: 20, abandoned: 0), "the held keys go once released")
            #expect(try await database.keys(of: customer) == (0..<5).map { "young-\(100 + $0)" })
        }
    }

    @Test(.timeLimit(.minutes(1))) func theServiceSweepsAtStartAndStopsWhenCancelled() async throws {
        try await withOrdersDatabase { database in
            let customer = UUID()
            try await database.storeKey(customer: customer, "expired", completed: true, age: 2 * Self.day)
            try await database.storeKey(customer: customer, "kept", completed: true, age: 60)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.sweep(database).run() }
                while try await database.keys(of: customer) != ["kept"] { try await Task.sleep(for: .milliseconds(20)) }
                group.cancelAll()
                try await group.waitForAll()
            }
        }
    }

    @Test func afterExpiryTheSameKeyPlacesANewOrder() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = UUID()
            let body = OrderJSON.order([(beans, 1)])
            let first = try await app.place(body, as: .customer(customer), key: "checkout-1")
            #expect(first.status == .created)
            let replayed = HTTPField.Name("Idempotent-Replayed")!
            #expect(try await app.place(body, as: .customer(customer), key: "checkout-1").headers[replayed] == "true")

            try await app.database.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'")
            #expect(try await Self.sweep(app.database).sweep() == .init(completed: 1, abandoned: 0))

            let again = try await app.place(body, as: .customer(customer), key: "checkout-1")
            #expect(again.status == .created && again.headers[replayed] == nil, "\(String(buffer: again.body))")
            #expect(try again.decoded(OrderBody.self).id != first.decoded(OrderBody.self).id)
            #expect(try await app.database.query("SELECT count(*)::int FROM orders").first?.decode(Int.self) == 2)
            // The new key is remembered again: a repeat now replays the second order.
            let repeatAgain = try await app.place(body, as: .customer(customer), key: "checkout-1")
            #expect(repeatAgain.headers[replayed] == "true" && String(buffer: repeatAgain.body) == String(buffer: again.body))
        }
    }
}

extension Database {
    /// Stores `key` of `customer` claimed `age` seconds ago, `completed` (with a stored 201) or still in flight.
    func storeKey(customer: UUID, _ key: String, completed: Bool, age: Double) async throws {
        try await query("""
            INSERT INTO idempotency_keys (customer_id, key, fingerprint, response_status, response_body, created_at)
            VALUES (\(customer), \(key), 'fingerprint', \(completed ? 201 : nil), \(completed ? "{}" : nil),
                    now() - make_interval(secs => \(age)))
            """)
    }

    /// Stores `count` completed keys `<prefix>-100`, `<prefix>-101`, … of `customer`, claimed `age` seconds ago.
    func storeKeys(customer: UUID, prefix: String, count: Int, age: Double) async throws {
        try await query("""
            INSERT INTO idempotency_keys (customer_id, key, fingerprint, response_status, response_body, created_at)
            SELECT \(customer), \(prefix) || '-' || (99 + n), 'fingerprint', 201, '{}', now() - make_interval(secs => \(age))
            FROM generate_series(1, \(count)) AS n
            """)
    }

    /// The keys of `customer` still stored, sorted.
    func keys(of customer: UUID) async throws -> [String] {
        try await query("SELECT key FROM idempotency_keys WHERE customer_id = \(customer) ORDER BY key").map { try $0.decode(String.self) }
    }
}

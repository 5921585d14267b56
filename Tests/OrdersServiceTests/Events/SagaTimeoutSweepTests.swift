import Configuration
import Contracts
import Foundation
import Logging
import MercatoCore
import Testing
@testable import OrdersService

/// Tier: integration on a real PostgreSQL. Stalled sagas are cancelled and compensated.
@Suite struct SagaTimeoutSweepTests {
    static func sweeper(_ database: Database, timeout: Double, batch: Int = 100) -> SagaTimeoutSweep {
        let config = OrdersConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
            "orders.sagaTimeout": .init(.double(timeout), isSecret: false), "orders.sagaSweepBatch": .init(.int(batch), isSecret: false),
        ])))
        return SagaTimeoutSweep(database: database, transitions: OrderTransitions(metrics: OrderMetrics()), config: config,
                                logger: Logger(label: "test.sweep"))
    }

    @Test func stalledOrdersAreCancelledInBatchesAndTheRestLeftAlone() async throws {
        try await withOrdersDatabase { database in
            var stalled: [UUID] = []
            for _ in 0..<3 { stalled.append(try await database.storeOrder().id) }
            let awaiting = try await database.storeOrder(status: .awaitingPayment)
            stalled.append(awaiting.id)
            let confirmed = try await database.storeOrder(status: .confirmed)
            let recent = try await database.storeOrder()
            try await database.query("""
                UPDATE orders SET updated_at = now() - interval '10 minutes' WHERE id <> \(recent.id)
                """)

            #expect(try await Self.sweeper(database, timeout: 120, batch: 2).sweep() == 4)
            for id in stalled {
                let state = try #require(try await database.orderState(id))
                #expect(state.0 == .cancelled && state.1 == "saga-timeout")
                #expect(try await database.outboxPayload(OrderCancelled.self, subject: id)?.reason == .sagaTimeout)
            }
            #expect(try await database.orderState(confirmed.id)?.0 == .confirmed)
            #expect(try await database.orderState(recent.id)?.0 == .pending)
            #expect(try await database.historyText(awaiting.id).last == "AWAITING_PAYMENT→CANCELLED(saga-timeout)")
            #expect(try await Self.sweeper(database, timeout: 120).sweep() == 0, "a second sweep finds nothing")
        }
    }

    @Test func aZeroTimeoutCancelsEveryInFlightOrder() async throws {
        try await withOrdersDatabase { database in
            let order = try await database.storeOrder()
            #expect(try await Self.sweeper(database, timeout: 0).sweep() == 1)
            #expect(try await database.orderState(order.id)?.1 == "saga-timeout")
        }
    }
}

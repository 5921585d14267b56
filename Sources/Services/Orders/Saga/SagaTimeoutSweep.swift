import Contracts
import Foundation
import Logging
import MercatoCore
import ServiceLifecycle

/// Cancels sagas that made no progress: every `orders.sagaSweepInterval` seconds, orders PENDING or AWAITING_PAYMENT
/// unchanged for longer than `orders.sagaTimeout` are cancelled with reason `saga-timeout` (order-cancelled makes
/// catalog release the stock and payments refund a charge), in batches locked with `FOR UPDATE SKIP LOCKED` so
/// several instances and concurrent event handlers never collide.
struct SagaTimeoutSweep: Service {
    let database: Database
    let transitions: OrderTransitions
    let config: OrdersConfig
    let logger: Logger

    /// Sweeps until graceful shutdown; a failed sweep is logged and retried on the next tick.
    func run() async throws {
        await PeriodicSweep.run(every: .seconds(config.sagaSweepInterval), logger: logger, failure: "saga timeout sweep failed") {
            let cancelled = try await sweep()
            if cancelled > 0 { logger.info("cancelled stalled orders", metadata: ["count": "\(cancelled)"]) }
        }
    }

    /// Cancels every order stalled past the timeout, one batch per transaction; returns how many.
    func sweep() async throws -> Int {
        var total = 0
        while true {
            let cancelled = try await sweepBatch()
            total += cancelled
            if cancelled < config.sagaSweepBatch { return total }
        }
    }

    /// One batch: locks up to `sagaSweepBatch` stalled orders (skipping those another transaction holds) and cancels them.
    func sweepBatch() async throws -> Int {
        try await database.withTransaction { connection in
            let rows = try await connection.run("""
                SELECT \(unescaped: OrderRow.columns) FROM orders
                WHERE status IN ('PENDING', 'AWAITING_PAYMENT') AND updated_at < now() - \(config.sagaTimeout) * interval '1 second'
                ORDER BY updated_at LIMIT \(config.sagaSweepBatch) FOR UPDATE SKIP LOCKED
                """)
            for row in rows {
                try await transitions.apply(.sagaTimeout, to: try OrderRow.order(from: row),
                                            detail: "no progress within \(Int(config.sagaTimeout)) s", on: connection)
            }
            return rows.count
        }
    }
}

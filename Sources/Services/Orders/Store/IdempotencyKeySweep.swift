import Foundation
import Logging
import MercatoCore
import ServiceLifecycle

/// Forgets expired idempotency keys: every `orders.idempotencySweepInterval` seconds, completed keys claimed longer
/// than `orders.idempotencyRetention` ago and unfinished claims abandoned as long (see `IdempotencyRetention`) are
/// deleted in batches locked with `FOR UPDATE SKIP LOCKED`, so several instances never delete or wait on the same
/// rows, and a key a request holds right now (a claim being taken over) is left for the next sweep.
struct IdempotencyKeySweep: Service {
    /// Keys deleted by one batch, by what they were.
    struct Deleted: Sendable, Equatable {
        /// Keys with a stored response.
        var completed = 0
        /// Claims whose placement never finished.
        var abandoned = 0
        /// Both.
        var total: Int { completed + abandoned }
    }

    let database: Database
    let config: OrdersConfig
    let metrics: OrderMetrics
    let logger: Logger
    /// Keys deleted per statement.
    var batchSize = 500

    /// When keys expire.
    var retention: IdempotencyRetention {
        IdempotencyRetention(retention: config.idempotencyRetention, lease: config.idempotencyLease)
    }

    /// Sweeps until graceful shutdown; a failed sweep is logged and retried on the next tick.
    func run() async throws {
        await PeriodicSweep.run(every: .seconds(config.idempotencySweepInterval), logger: logger, failure: "idempotency key sweep failed") {
            let deleted = try await sweep()
            if deleted.total > 0 {
                logger.info("deleted expired idempotency keys",
                            metadata: ["completed": "\(deleted.completed)", "abandoned": "\(deleted.abandoned)"])
            }
        }
    }

    /// Deletes every expired key, one batch per statement; returns how many.
    func sweep() async throws -> Deleted {
        var total = Deleted()
        while true {
            let deleted = try await sweepBatch()
            total.completed += deleted.completed
            total.abandoned += deleted.abandoned
            if deleted.total < batchSize { return total }
        }
    }

    /// One batch: locks up to `batchSize` of the oldest expired keys (skipping those another transaction holds) and
    /// deletes them. The first condition alone uses the `created_at` index; `maxAge(completed: false)` is never the
    /// shorter of the two.
    func sweepBatch() async throws -> Deleted {
        let rows = try await database.query("""
            DELETE FROM idempotency_keys WHERE (customer_id, key) IN (
                SELECT customer_id, key FROM idempotency_keys
                WHERE created_at < now() - make_interval(secs => \(retention.maxAge(completed: true)))
                    AND (response_status IS NOT NULL OR created_at < now() - make_interval(secs => \(retention.maxAge(completed: false))))
                ORDER BY created_at LIMIT \(batchSize) FOR UPDATE SKIP LOCKED)
            RETURNING response_status IS NULL
            """)
        let abandoned = try rows.filter { try $0.decode(Bool.self) }.count
        let deleted = Deleted(completed: rows.count - abandoned, abandoned: abandoned)
        metrics.recordIdempotencyKeysDeleted(completed: deleted.completed, abandoned: deleted.abandoned)
        return deleted
    }
}

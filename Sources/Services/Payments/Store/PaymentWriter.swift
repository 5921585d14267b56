import Contracts
import Foundation
import MercatoCore
import PostgresNIO

/// The handlers' writes to `payments`, `refunds` and `order_cancellations`, on the inbox transaction's connection.
enum PaymentWriter {
    /// Serializes every handler of one order until the transaction ends (a transaction-scoped advisory lock), so a
    /// cancellation and a charge of the same order never interleave.
    static func lockOrder(_ orderID: UUID, on connection: DatabaseConnection) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtextextended('payments:' || \(orderID)::text, 0))")
    }

    /// The order's payment, if any.
    static func find(orderID: UUID, on connection: DatabaseConnection) async throws -> StoredPayment? {
        try await connection.run("SELECT \(unescaped: StoredPayment.columns) FROM payments WHERE order_id = \(orderID) FOR UPDATE")
            .first.map(StoredPayment.init(row:))
    }

    /// Inserts the order's payment `pending`; nil when the order already has one (the UNIQUE on `order_id` decides:
    /// a concurrent insert waits for the other transaction and then finds its row).
    static func insertPending(id: UUID, request: PaymentRequested, idempotencyKey: String,
                              on connection: DatabaseConnection) async throws -> StoredPayment? {
        try await connection.run("""
            INSERT INTO payments (id, order_id, customer_id, status, amount, currency, idempotency_key)
            VALUES (\(id), \(request.orderID), \(request.customerID), 'pending', \(Int64(request.amount.amount)), \(request.amount.currency),
                    \(idempotencyKey))
            ON CONFLICT (order_id) DO NOTHING
            RETURNING \(unescaped: StoredPayment.columns)
            """).first.map(StoredPayment.init(row:))
    }

    /// Records the charge's end.
    static func settle(_ paymentID: UUID, outcome: ChargeOutcome, on connection: DatabaseConnection) async throws {
        switch outcome {
        case .succeeded(let reference):
            try await connection.run("""
                UPDATE payments SET status = 'succeeded', provider_reference = \(reference), updated_at = now() WHERE id = \(paymentID)
                """)
        case .failed(let code, let detail):
            try await connection.run("""
                UPDATE payments SET status = 'failed', failure_code = \(code.rawValue), failure_detail = \(detail), updated_at = now()
                WHERE id = \(paymentID)
                """)
        }
    }

    /// Records a full refund of `payment`.
    static func refunded(_ payment: StoredPayment, refundID: UUID, idempotencyKey: String, refund: ProviderRefund,
                         on connection: DatabaseConnection) async throws {
        try await connection.run("""
            INSERT INTO refunds (id, payment_id, amount, currency, idempotency_key, provider_reference)
            VALUES (\(refundID), \(payment.id), \(Int64(refund.amount.amount)), \(refund.amount.currency), \(idempotencyKey), \(refund.reference))
            """)
        try await connection.run("""
            UPDATE payments SET status = 'refunded', refunded_amount = refunded_amount + \(Int64(refund.amount.amount)), updated_at = now()
            WHERE id = \(payment.id)
            """)
    }

    /// Whether a cancellation of the order was recorded.
    static func isCancelled(_ orderID: UUID, on connection: DatabaseConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM order_cancellations WHERE order_id = \(orderID)").isEmpty
    }

    /// Records that the order was cancelled (the first reason stays).
    static func rememberCancellation(_ orderID: UUID, reason: String, on connection: DatabaseConnection) async throws {
        try await connection.run("""
            INSERT INTO order_cancellations (order_id, reason) VALUES (\(orderID), \(reason)) ON CONFLICT (order_id) DO NOTHING
            """)
    }
}

import Contracts
import Foundation
import MercatoCore

/// Reads payments and their refunds for the API.
struct PaymentStore: Sendable {
    let database: Database

    /// The order's payments (at most one) with their refunds.
    func payments(ofOrder orderID: UUID) async throws -> [(StoredPayment, [RefundResource])] {
        let payments = try await database.query("SELECT \(unescaped: StoredPayment.columns) FROM payments WHERE order_id = \(orderID)")
            .map(StoredPayment.init(row:))
        return try await withRefunds(payments)
    }

    /// The payment `id` with its refunds.
    func payment(_ id: UUID) async throws -> (StoredPayment, [RefundResource])? {
        let payments = try await database.query("SELECT \(unescaped: StoredPayment.columns) FROM payments WHERE id = \(id)")
            .map(StoredPayment.init(row:))
        return try await withRefunds(payments).first
    }

    private func withRefunds(_ payments: [StoredPayment]) async throws -> [(StoredPayment, [RefundResource])] {
        guard !payments.isEmpty else { return [] }
        let rows = try await database.query("""
            SELECT payment_id, id, amount, currency, created_at FROM refunds WHERE payment_id = ANY(\(payments.map(\.id)))
            ORDER BY created_at, id
            """)
        var refunds: [UUID: [RefundResource]] = [:]
        for row in rows {
            let (payment, id, amount, currency, created) = try row.decode((UUID, UUID, Int64, String, Date).self)
            refunds[payment, default: []].append(RefundResource(id: id, amount: EventMoney(amount: Int(amount), currency: currency),
                                                                createdAt: created))
        }
        return payments.map { ($0, refunds[$0.id] ?? []) }
    }
}

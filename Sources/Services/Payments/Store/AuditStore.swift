import Contracts
import Foundation
import MercatoCore

/// The read-only audit data `mercato check` fetches.
struct AuditStore: Sendable {
    let database: Database

    /// Payments in order-id order after `afterOrder`, `limit` of them, and whether more follow.
    func payments(after afterOrder: UUID?, limit: Int) async throws -> (items: [PaymentAudit], more: Bool) {
        let rows = try await database.query("""
            SELECT order_id, id, status, amount, currency, refunded_amount FROM payments
            WHERE \(afterOrder)::uuid IS NULL OR order_id > \(afterOrder)
            ORDER BY order_id LIMIT \(limit + 1)
            """)
        let items = try rows.prefix(limit).map { row in
            let (order, id, status, amount, currency, refunded) = try row.decode((UUID, UUID, String, Int64, String, Int64).self)
            guard let state = PaymentState(rawValue: status) else { throw PaymentRowError(id: id) }
            let charged = state == .succeeded || state == .refunded ? Int(amount) : 0
            return PaymentAudit(orderID: order, paymentID: id, state: state, charged: EventMoney(amount: charged, currency: currency),
                                refunded: EventMoney(amount: Int(refunded), currency: currency))
        }
        return (items, rows.count > limit)
    }

    /// The ledger's transaction count and the ids of those that do not balance (none, unless the checks were bypassed).
    func ledger() async throws -> LedgerAudit {
        let count = try await database.query("SELECT count(*)::int8 FROM ledger_transactions").first?.decode(Int64.self) ?? 0
        let unbalanced = try await database.query("""
            SELECT t.id FROM ledger_transactions t
            WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)
               OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id GROUP BY e.currency
                          HAVING sum(CASE e.side WHEN 'debit' THEN e.amount ELSE -e.amount END) <> 0)
            ORDER BY t.id
            """).map { try $0.decode(UUID.self) }
        return LedgerAudit(transactions: Int(count), unbalanced: unbalanced)
    }
}

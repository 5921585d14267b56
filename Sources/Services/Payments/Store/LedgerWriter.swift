import Contracts
import Foundation
import MercatoCore

/// Writes ledger transactions; the database refuses any that does not balance when the transaction commits.
enum LedgerWriter {
    /// Posts `entries` as one ledger transaction of `kind` for the order's payment; returns its id.
    @discardableResult
    static func post(_ kind: LedgerKind, entries: [LedgerEntry], orderID: UUID, paymentID: UUID,
                     on connection: DatabaseConnection) async throws -> UUID {
        let id = UUID()
        try await connection.run("""
            INSERT INTO ledger_transactions (id, order_id, payment_id, kind) VALUES (\(id), \(orderID), \(paymentID), \(kind.rawValue))
            """)
        try await connection.run("""
            INSERT INTO ledger_entries (transaction_id, account, side, amount, currency)
            SELECT \(id), account, side, amount, currency
            FROM unnest(\(entries.map(\.account.rawValue)), \(entries.map(\.side.rawValue)), \(entries.map { Int64($0.amount) }),
                        \(entries.map(\.currency))) AS e(account, side, amount, currency)
            """)
        return id
    }

    /// Posts the balanced entries of a `kind` over `amount` (`LedgerPosting`).
    @discardableResult
    static func post(_ kind: LedgerKind, amount: EventMoney, orderID: UUID, paymentID: UUID,
                     on connection: DatabaseConnection) async throws -> UUID {
        try await post(kind, entries: LedgerPosting.entries(kind, amount: amount), orderID: orderID, paymentID: paymentID, on: connection)
    }
}

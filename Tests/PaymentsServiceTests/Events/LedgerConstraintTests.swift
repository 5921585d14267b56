import Foundation
import MercatoCore
import Testing
@testable import PaymentsService

/// Tier: integration on a real PostgreSQL. The database itself refuses an unbalanced or edited ledger.
@Suite struct LedgerConstraintTests {
    /// A succeeded payment to post against; its id and order id.
    func insertPayment(_ database: Database) async throws -> (UUID, UUID) {
        let (id, order) = (UUID(), UUID())
        try await database.query("""
            INSERT INTO payments (id, order_id, customer_id, status, amount, currency, idempotency_key, provider_reference)
            VALUES (\(id), \(order), \(UUID()), 'succeeded', 1000, 'EUR', \(id.uuidString), 'ch_1')
            """)
        return (id, order)
    }

    @Test func anUnbalancedTransactionIsRefusedAtCommit() async throws {
        try await withPaymentsDatabase { database in
            let (payment, order) = try await insertPayment(database)
            let unbalanced = [LedgerEntry(account: .pspReceivable, side: .debit, amount: 1000, currency: "EUR"),
                              LedgerEntry(account: .customerPayments, side: .credit, amount: 999, currency: "EUR")]
            let error = await #expect(throws: (any Error).self) {
                try await database.withTransaction { connection in
                    try await LedgerWriter.post(.charge, entries: unbalanced, orderID: order, paymentID: payment, on: connection)
                }
            }
            #expect(error.map { DatabaseError.isCheckViolation($0) } == true, "\(String(describing: error))")
            #expect(error.flatMap(DatabaseError.constraint(of:)) == "ledger_balanced")
            #expect(try await database.count("SELECT count(*)::int FROM ledger_transactions") == 0)

            let mixedCurrencies = [LedgerEntry(account: .pspReceivable, side: .debit, amount: 1000, currency: "EUR"),
                                   LedgerEntry(account: .customerPayments, side: .credit, amount: 1000, currency: "USD")]
            await #expect(throws: (any Error).self) {
                try await database.withTransaction { connection in
                    try await LedgerWriter.post(.charge, entries: mixedCurrencies, orderID: order, paymentID: payment, on: connection)
                }
            }
            await #expect(throws: (any Error).self, "a transaction without entries") {
                try await database.withTransaction { connection in
                    try await LedgerWriter.post(.charge, entries: [], orderID: order, paymentID: payment, on: connection)
                }
            }
            #expect(try await database.count("SELECT count(*)::int FROM ledger_entries") == 0)
        }
    }

    @Test func aBalancedTransactionCommitsAndCannotBeChanged() async throws {
        try await withPaymentsDatabase { database in
            let (payment, order) = try await insertPayment(database)
            _ = try await database.withTransaction { connection in
                try await LedgerWriter.post(.charge, amount: .init(amount: 1000, currency: "EUR"), orderID: order, paymentID: payment,
                                            on: connection)
            }
            #expect(try await database.count("SELECT count(*)::int FROM ledger_entries") == 2)
            await #expect(throws: (any Error).self) { try await database.query("UPDATE ledger_entries SET amount = 1") }
            await #expect(throws: (any Error).self) { try await database.query("DELETE FROM ledger_entries") }
            await #expect(throws: (any Error).self) { try await database.query("DELETE FROM ledger_transactions") }
            #expect(try await AuditStore(database: database).ledger().unbalanced.isEmpty)
        }
    }

    @Test func theAuditFindsTransactionsThatBypassedTheChecks() async throws {
        try await withPaymentsDatabase { database in
            let (payment, order) = try await insertPayment(database)
            let id = UUID()
            // Only a superuser disabling the triggers can do this; the audit must still see it.
            try await database.withTransaction { connection in
                try await connection.run("SET LOCAL session_replication_role = replica")
                try await connection.run("""
                    INSERT INTO ledger_transactions (id, order_id, payment_id, kind) VALUES (\(id), \(order), \(payment), 'charge')
                    """)
                try await connection.run("""
                    INSERT INTO ledger_entries (transaction_id, account, side, amount, currency) VALUES (\(id), 'psp_receivable', 'debit', 5, 'EUR')
                    """)
            }
            #expect(try await AuditStore(database: database).ledger() == .init(transactions: 1, unbalanced: [id]))
        }
    }

    @Test func anOrderHasAtMostOnePayment() async throws {
        try await withPaymentsDatabase { database in
            let (_, order) = try await insertPayment(database)
            let error = await #expect(throws: (any Error).self) {
                try await database.query("""
                    INSERT INTO payments (id, order_id, customer_id, status, amount, currency, idempotency_key)
                    VALUES (\(UUID()), \(order), \(UUID()), 'pending', 1000, 'EUR', 'other-key')
                    """)
            }
            #expect(error.map { DatabaseError.isUniqueViolation($0, constraint: "payments_one_per_order") } == true)
        }
    }
}

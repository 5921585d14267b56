import Contracts
import Foundation
import Logging
import MercatoCore
import MercatoTestSupport
import Messaging
import PostgresNIO
import Resilience
@testable import PaymentsService

/// Provider-call settings for tests: 50 ms per attempt, 3 attempts, backoff of at most a few milliseconds.
let fastConfig = PaymentsConfig(timeout: .milliseconds(50), retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(2), maxDelay: .milliseconds(5)))

/// Event payloads and bodies exactly as the broker delivers them.
enum PaymentEvents {
    /// A `payment-requested` for `orderID` paying `amount` cents with `token`.
    static func requested(_ orderID: UUID = UUID(), customer: UUID = UUID(), amount: Int = 4_250, currency: String = "EUR",
                          token: String = "tok_visa", method: String = "card") -> PaymentRequested {
        PaymentRequested(orderID: orderID, customerID: customer, amount: EventMoney(amount: amount, currency: currency), method: method,
                         token: token)
    }

    /// An `order-cancelled` for `orderID`.
    static func cancelled(_ orderID: UUID, customer: UUID = UUID(), reason: CancellationReason = .customerCancelled) -> OrderCancelled {
        OrderCancelled(orderID: orderID, customerID: customer, reason: reason, detail: nil, total: EventMoney(amount: 4_250, currency: "EUR"))
    }

    /// The JSON body of an envelope carrying `payload` about its order.
    static func body<P: OrderEvent>(_ payload: P, id: UUID = UUID()) throws -> Data {
        try EventCoding.encoder().encode(EventEnvelope(id: id, time: Date(), subject: payload.orderID.uuidString.lowercased(), data: payload))
    }
}

/// Applies bodies through `PaymentsService.eventHandlers` on one database, as the consumer does.
struct EventApplier: Sendable {
    let handlers: EventHandlers
    let database: Database

    /// Handlers calling `provider` with `config`.
    init(database: Database, provider: any PaymentProvider, config: PaymentsConfig = fastConfig) {
        var logger = Logger(label: "test.payments")
        logger.logLevel = .warning
        self.handlers = PaymentsService.eventHandlers(provider: provider, config: config, logger: logger)
        self.database = database
    }

    /// Applies one delivered body.
    @discardableResult
    func apply(_ body: Data) async throws -> EventApplication {
        try await handlers.apply(body: body, attempt: 1, consumer: PaymentsService.consumerName, database: database)
    }

    /// Applies `payload` in a new envelope.
    @discardableResult
    func apply<P: OrderEvent>(_ payload: P) async throws -> EventApplication {
        try await apply(try PaymentEvents.body(payload))
    }
}

/// A fresh database with the payments schema, its pool running for the duration of `body`.
func withPaymentsDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
    try await TestPostgres.withMigratedDatabase(prefix: "payments", migrations: PaymentsService.definition.migrations, body)
}

/// One outbox row as the tests inspect it.
struct OutboxRow: Sendable, Equatable {
    var eventType: String
    var subject: String
    var body: String
}

extension Database {
    /// Every payment row.
    func storedPayments() async throws -> [StoredPayment] {
        try await query("SELECT \(unescaped: StoredPayment.columns) FROM payments ORDER BY created_at").map(StoredPayment.init(row:))
    }

    /// Every outbox row, oldest first.
    func outboxRows() async throws -> [OutboxRow] {
        try await query("SELECT event_type, subject, body FROM outbox ORDER BY seq").map { row in
            let (type, subject, body) = try row.decode((String, String, String).self)
            return OutboxRow(eventType: type, subject: subject, body: body)
        }
    }

    /// Ledger entries as `(kind, account, side, amount, currency)`, in posting order.
    func ledgerLines() async throws -> [(String, String, String, Int, String)] {
        try await query("""
            SELECT t.kind, e.account, e.side, e.amount, e.currency FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            ORDER BY e.id
            """).map { row in
            let (kind, account, side, amount, currency) = try row.decode((String, String, String, Int64, String).self)
            return (kind, account, side, Int(amount), currency)
        }
    }

    /// A count from `sql`.
    func count(_ sql: String) async throws -> Int {
        try await query(PostgresQuery(unsafeSQL: sql)).first?.decode(Int.self) ?? -1
    }
}

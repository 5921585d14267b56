import Contracts
import Foundation

/// Everything `mercato check` read from the services' audit endpoints and the broker at one moment.
public struct AuditSnapshot: Sendable {
    /// Catalog: stock per product.
    public var stock: [StockAudit]
    /// Catalog: reservations per order.
    public var reservations: [ReservationAudit]
    /// Orders: every order.
    public var orders: [OrderAudit]
    /// Payments: every payment.
    public var payments: [PaymentAudit]
    /// Payments: the ledger's balance.
    public var ledger: LedgerAudit
    /// Outbox backlog per producing service.
    public var outboxes: [String: OutboxAudit]
    /// Dead letters waiting per consuming service: the ids (message or event) of each.
    public var deadLetters: [String: [String]]

    /// A snapshot with every part.
    public init(stock: [StockAudit], reservations: [ReservationAudit], orders: [OrderAudit], payments: [PaymentAudit],
                ledger: LedgerAudit, outboxes: [String: OutboxAudit], deadLetters: [String: [String]]) {
        self.stock = stock
        self.reservations = reservations
        self.orders = orders
        self.payments = payments
        self.ledger = ledger
        self.outboxes = outboxes
        self.deadLetters = deadLetters
    }
}

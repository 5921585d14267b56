import Contracts
import Foundation

/// Everything `mercato check` read from the services' audit endpoints and the broker at one moment. Every part is an
/// `AuditReading`: one that could not be read leaves the others intact and makes the invariants needing it UNKNOWN.
public struct AuditSnapshot: Sendable {
    /// When reading began (events sent shortly before are allowed to be still in flight).
    public var takenAt: Date
    /// Catalog: stock per product.
    public var stock: AuditReading<[StockAudit]>
    /// Catalog: reservations per order.
    public var reservations: AuditReading<[ReservationAudit]>
    /// Orders: every order.
    public var orders: AuditReading<[OrderAudit]>
    /// Payments: every payment.
    public var payments: AuditReading<[PaymentAudit]>
    /// Payments: the ledger's balance.
    public var ledger: AuditReading<LedgerAudit>
    /// Outbox backlog per producing service.
    public var outboxes: [String: AuditReading<OutboxAudit>]
    /// Dead letters waiting per consuming service: the ids (message or event) of each.
    public var deadLetters: [String: AuditReading<[String]>]
    /// Sent outbox events per producing service.
    public var sentEvents: [String: AuditReading<[OutboxEventAudit]>]
    /// What each consuming service's inbox holds and which event types it binds.
    public var inboxes: [String: AuditReading<ConsumerInbox>]
    /// Two readings of each consuming service's queue (`<service>.events`), a few seconds apart.
    public var queues: [String: AuditReading<QueueMotion>]

    /// A snapshot with every part.
    public init(takenAt: Date = Date(), stock: AuditReading<[StockAudit]>, reservations: AuditReading<[ReservationAudit]>,
                orders: AuditReading<[OrderAudit]>, payments: AuditReading<[PaymentAudit]>, ledger: AuditReading<LedgerAudit>,
                outboxes: [String: AuditReading<OutboxAudit>], deadLetters: [String: AuditReading<[String]>],
                sentEvents: [String: AuditReading<[OutboxEventAudit]>], inboxes: [String: AuditReading<ConsumerInbox>],
                queues: [String: AuditReading<QueueMotion>]) {
        self.takenAt = takenAt
        self.stock = stock
        self.reservations = reservations
        self.orders = orders
        self.payments = payments
        self.ledger = ledger
        self.outboxes = outboxes
        self.deadLetters = deadLetters
        self.sentEvents = sentEvents
        self.inboxes = inboxes
        self.queues = queues
    }
}

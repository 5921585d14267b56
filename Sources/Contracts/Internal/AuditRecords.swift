import Foundation

/// The read-only audit data every service exposes on `GET /internal/v1/audit/...` for `mercato check`: service
/// tokens with audience = that service and scope `audit`. Lists are keyset pages: `?limit=` (default 500, max 5000)
/// and `?cursor=` (the previous page's `next_cursor`, opaque).
public enum AuditScope {
    /// The scope audit endpoints demand.
    public static let scope = "audit"
    /// Default page size.
    public static let defaultLimit = 500
    /// Largest page size.
    public static let maxLimit = 5000
}

/// One page of audit records.
public struct AuditPage<Item: Codable & Sendable>: Codable, Sendable {
    /// The records.
    public var items: [Item]
    /// Cursor of the next page; nil on the last.
    public var nextCursor: String?

    /// A page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }
}

/// `GET /internal/v1/audit/outbox` on every producing service: rows the relay has not yet published.
public struct OutboxAudit: Codable, Sendable, Equatable {
    /// Unsent rows.
    public var unsent: Int
    /// Age of the oldest unsent row in seconds (0 when none).
    public var oldestUnsentAgeSeconds: Double

    /// A summary.
    public init(unsent: Int, oldestUnsentAgeSeconds: Double) {
        self.unsent = unsent
        self.oldestUnsentAgeSeconds = oldestUnsentAgeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case unsent, oldestUnsentAgeSeconds = "oldest_unsent_age_seconds"
    }
}

/// Catalog `GET /internal/v1/audit/stock`: one product's stock, the sum of its ledger movements and the units of it
/// in held reservations (all read in one statement, so the figures are one snapshot).
public struct StockAudit: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// Units in the warehouse.
    public var onHand: Int
    /// Units held by reservations (the stock row's counter).
    public var reserved: Int
    /// Units that can be reserved.
    public var available: Int
    /// Sum of every ledger movement's delta (must equal `on_hand`).
    public var ledgerSum: Int
    /// Units of this product in reservations whose state is `held`, summed over their lines (must equal `reserved`).
    public var held: Int

    /// A record with every field.
    public init(productID: UUID, onHand: Int, reserved: Int, available: Int, ledgerSum: Int, held: Int) {
        self.productID = productID
        self.onHand = onHand
        self.reserved = reserved
        self.available = available
        self.ledgerSum = ledgerSum
        self.held = held
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", onHand = "on_hand", reserved, available, ledgerSum = "ledger_sum", held
    }
}

/// Where a reservation stands.
public enum ReservationState: String, Codable, Sendable, CaseIterable {
    /// Stock is held.
    case held
    /// Turned into a sale (on order-confirmed).
    case committed
    /// Given back (on order-cancelled).
    case released
    /// Given back by the expiry job.
    case expired
}

/// Catalog `GET /internal/v1/audit/reservations`: one order's reservation.
public struct ReservationAudit: Codable, Sendable, Equatable {
    /// Order id.
    public var orderID: UUID
    /// Its state.
    public var state: ReservationState
    /// Units still held (0 unless `held`).
    public var heldUnits: Int
    /// When a held reservation lapses.
    public var expiresAt: Date

    /// A record with every field.
    public init(orderID: UUID, state: ReservationState, heldUnits: Int, expiresAt: Date) {
        self.orderID = orderID
        self.state = state
        self.heldUnits = heldUnits
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", state, heldUnits = "held_units", expiresAt = "expires_at"
    }
}

/// Orders `GET /internal/v1/audit/orders`: one order.
public struct OrderAudit: Codable, Sendable, Equatable {
    /// Order id.
    public var orderID: UUID
    /// Current status.
    public var status: OrderStatusName
    /// Total.
    public var total: EventMoney
    /// Why it was cancelled, when it was.
    public var cancellationReason: CancellationReason?
    /// Non-terminal (PENDING / AWAITING_PAYMENT) and unchanged for longer than the saga timeout.
    public var stuck: Bool

    /// A record with every field.
    public init(orderID: UUID, status: OrderStatusName, total: EventMoney, cancellationReason: CancellationReason?, stuck: Bool) {
        self.orderID = orderID
        self.status = status
        self.total = total
        self.cancellationReason = cancellationReason
        self.stuck = stuck
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", status, total, cancellationReason = "cancellation_reason", stuck
    }
}

/// Where a payment stands.
public enum PaymentState: String, Codable, Sendable, CaseIterable {
    /// Being charged (a provider call is in flight or being retried).
    case pending
    /// Charged.
    case succeeded
    /// Not charged.
    case failed
    /// Charged, then refunded in full.
    case refunded
}

/// Payments `GET /internal/v1/audit/payments`: one payment (at most one per order, by the database).
public struct PaymentAudit: Codable, Sendable, Equatable {
    /// Order id.
    public var orderID: UUID
    /// Payment id.
    public var paymentID: UUID
    /// Its state.
    public var state: PaymentState
    /// Amount charged (0 unless it succeeded at some point).
    public var charged: EventMoney
    /// Amount refunded.
    public var refunded: EventMoney

    /// A record with every field.
    public init(orderID: UUID, paymentID: UUID, state: PaymentState, charged: EventMoney, refunded: EventMoney) {
        self.orderID = orderID
        self.paymentID = paymentID
        self.state = state
        self.charged = charged
        self.refunded = refunded
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", paymentID = "payment_id", state, charged, refunded
    }
}

/// Payments `GET /internal/v1/audit/ledger`: whether every ledger transaction balances.
public struct LedgerAudit: Codable, Sendable, Equatable {
    /// Transactions in the ledger.
    public var transactions: Int
    /// Ids of transactions whose debits and credits differ (must be empty).
    public var unbalanced: [UUID]

    /// A summary.
    public init(transactions: Int, unbalanced: [UUID]) {
        self.transactions = transactions
        self.unbalanced = unbalanced
    }
}

import Foundation

/// Catalog's answers to an order: the envelope's subject is the order id, so they stay in order with the order's
/// own events on every consumer.
public protocol ReservationEvent: EventPayload {
    /// The order the reservation belongs to.
    var orderID: UUID { get }
}

extension ReservationEvent {
    /// Catalog.
    public static var producer: String { "catalog" }
    /// Version 1.
    public static var version: Int { 1 }
}

/// `mercato.catalog.stock-reserved.v1`: every line of the order is held until `expires_at`.
public struct StockReserved: ReservationEvent, Equatable {
    public static let name = "stock-reserved"
    /// Order id.
    public var orderID: UUID
    /// The held lines.
    public var lines: [StockLine]
    /// When the hold lapses unless the order is confirmed.
    public var expiresAt: Date

    /// A payload with every field.
    public init(orderID: UUID, lines: [StockLine], expiresAt: Date) {
        self.orderID = orderID
        self.lines = lines
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", lines, expiresAt = "expires_at"
    }

    public static let jsonSchema = orderSchema(name, required: ["lines", "expires_at"], properties: """
    "lines":{"type":"array","items":\(StockLine.schema)},"expires_at":{"type":"string","minLength":20}
    """)
}

/// One line catalog could not hold.
public struct UnavailableLine: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// Units asked for.
    public var requested: Int
    /// Units available when the reservation was tried (0 for an unknown or inactive product).
    public var available: Int

    /// A line with every field.
    public init(productID: UUID, requested: Int, available: Int) {
        self.productID = productID
        self.requested = requested
        self.available = available
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", requested, available
    }

    static let schema = """
    {"type":"object","required":["product_id","requested","available"],"additionalProperties":false,
     "properties":{"product_id":{"type":"string","format":"uuid"},"requested":{"type":"integer","minimum":1},
      "available":{"type":"integer","minimum":0}}}
    """
}

/// `mercato.catalog.stock-reservation-failed.v1`: nothing was reserved; `failed_lines` says which lines lacked stock.
public struct StockReservationFailed: ReservationEvent, Equatable {
    public static let name = "stock-reservation-failed"
    /// Order id.
    public var orderID: UUID
    /// The lines that could not be held.
    public var failedLines: [UnavailableLine]

    /// A payload with every field.
    public init(orderID: UUID, failedLines: [UnavailableLine]) {
        self.orderID = orderID
        self.failedLines = failedLines
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", failedLines = "failed_lines"
    }

    public static let jsonSchema = orderSchema(name, required: ["failed_lines"], properties: """
    "failed_lines":{"type":"array","items":\(UnavailableLine.schema)}
    """)
}

/// `mercato.catalog.reservation-expired.v1`: the hold lapsed before the order was confirmed; its stock is available again.
public struct ReservationExpired: ReservationEvent, Equatable {
    public static let name = "reservation-expired"
    /// Order id.
    public var orderID: UUID
    /// The released lines.
    public var lines: [StockLine]

    /// A payload with every field.
    public init(orderID: UUID, lines: [StockLine]) {
        self.orderID = orderID
        self.lines = lines
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", lines
    }

    public static let jsonSchema = orderSchema(name, required: ["lines"], properties: """
    "lines":{"type":"array","items":\(StockLine.schema)}
    """)
}

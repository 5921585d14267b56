import Foundation

/// One priced line of an order, as order events carry it.
public struct OrderLineItem: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// SKU at the time of the order.
    public var sku: String
    /// Units ordered (≥ 1).
    public var quantity: Int
    /// Unit price catalog quoted when the order was placed.
    public var unitPrice: EventMoney

    /// A line with every field.
    public init(productID: UUID, sku: String, quantity: Int, unitPrice: EventMoney) {
        self.productID = productID
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", sku, quantity, unitPrice = "unit_price"
    }

    static let schema = """
    {"type":"object","required":["product_id","sku","quantity","unit_price"],"additionalProperties":false,
     "properties":{"product_id":{"type":"string","format":"uuid"},"sku":{"type":"string","minLength":1},
      "quantity":{"type":"integer","minimum":1},"unit_price":\(EventMoney.schema)}}
    """
}

/// A product and a quantity, without a price (reservations, failed lines).
public struct StockLine: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// Units.
    public var quantity: Int

    /// A line with every field.
    public init(productID: UUID, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", quantity
    }

    static let schema = """
    {"type":"object","required":["product_id","quantity"],"additionalProperties":false,
     "properties":{"product_id":{"type":"string","format":"uuid"},"quantity":{"type":"integer","minimum":1}}}
    """
}

extension EventMoney {
    static let schema = """
    {"type":"object","required":["amount","currency"],"additionalProperties":false,
     "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}}
    """
}

/// Why an order was cancelled; the `reason` field of `order-cancelled` and `order-status-updated`.
public enum CancellationReason: String, Codable, Sendable, CaseIterable {
    /// Catalog could not reserve every line.
    case outOfStock = "out-of-stock"
    /// The card was declined.
    case paymentDeclined = "payment-declined"
    /// The charge failed for another reason (insufficient funds, provider error).
    case paymentFailed = "payment-failed"
    /// The stock reservation ran out before payment.
    case reservationExpired = "reservation-expired"
    /// The customer cancelled.
    case customerCancelled = "customer-cancelled"
    /// Staff cancelled.
    case staffCancelled = "staff-cancelled"
    /// The saga made no progress within its timeout.
    case sagaTimeout = "saga-timeout"

    static let schema = enumSchema(Self.self)
    static let nullableSchema = enumSchema(Self.self, nullable: true)
}

/// An order's status, as `order-status-updated` and the orders API spell it.
public enum OrderStatusName: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case awaitingPayment = "AWAITING_PAYMENT"
    case confirmed = "CONFIRMED"
    case shipped = "SHIPPED"
    case delivered = "DELIVERED"
    case cancelled = "CANCELLED"

    static let schema = enumSchema(Self.self)
}

/// The JSON Schema `{"enum":[...]}` of a string enum's raw values, with `null` allowed when `nullable`.
func enumSchema<Value: RawRepresentable & CaseIterable>(_: Value.Type, nullable: Bool = false) -> String where Value.RawValue == String {
    let values = Value.allCases.map { "\"\($0.rawValue)\"" } + (nullable ? ["null"] : [])
    return "{\"enum\":[\(values.joined(separator: ","))]}"
}

import Foundation

/// Orders publishes every order event; version 1; the envelope's subject is the order id.
public protocol OrderEvent: EventPayload {
    /// The order the event is about.
    var orderID: UUID { get }
}

extension OrderEvent {
    /// Orders.
    public static var producer: String { "orders" }
    /// Version 1.
    public static var version: Int { 1 }
}

/// The JSON Schema of an order-keyed payload: `order_id` plus `properties`, `required` listing the rest.
func orderSchema(_ title: String, required: [String], properties: String) -> String {
    """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"\(title).v1","type":"object",
     "required":[\((["order_id"] + required).map { "\"\($0)\"" }.joined(separator: ","))],"additionalProperties":false,
     "properties":{"order_id":{"type":"string","format":"uuid"},\(properties)}}
    """
}

/// `mercato.orders.order-created.v1`: an order was placed (PENDING); catalog reserves its lines.
public struct OrderCreated: OrderEvent, Equatable {
    public static let name = "order-created"
    /// Order id.
    public var orderID: UUID
    /// The customer (user id).
    public var customerID: UUID
    /// Priced lines.
    public var lines: [OrderLineItem]
    /// Sum of the lines.
    public var total: EventMoney

    /// A payload with every field.
    public init(orderID: UUID, customerID: UUID, lines: [OrderLineItem], total: EventMoney) {
        self.orderID = orderID
        self.customerID = customerID
        self.lines = lines
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", customerID = "customer_id", lines, total
    }

    public static let jsonSchema = orderSchema(name, required: ["customer_id", "lines", "total"], properties: """
    "customer_id":{"type":"string","format":"uuid"},"lines":{"type":"array","items":\(OrderLineItem.schema)},
    "total":\(EventMoney.schema)
    """)
}

/// `mercato.orders.payment-requested.v1`: stock is reserved; payments charges `amount` with the card token.
public struct PaymentRequested: OrderEvent, Equatable {
    public static let name = "payment-requested"
    /// Order id (the charge's idempotency key).
    public var orderID: UUID
    /// The customer (owner of the payment).
    public var customerID: UUID
    /// Amount to charge.
    public var amount: EventMoney
    /// Payment method, `card`.
    public var method: String
    /// The PSP card token the customer gave at checkout.
    public var token: String

    /// A payload with every field.
    public init(orderID: UUID, customerID: UUID, amount: EventMoney, method: String, token: String) {
        self.orderID = orderID
        self.customerID = customerID
        self.amount = amount
        self.method = method
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", customerID = "customer_id", amount, method, token
    }

    public static let jsonSchema = orderSchema(name, required: ["customer_id", "amount", "method", "token"], properties: """
    "customer_id":{"type":"string","format":"uuid"},"amount":\(EventMoney.schema),"method":{"enum":["card"]},
    "token":{"type":"string","minLength":1}
    """)
}

/// `mercato.orders.order-confirmed.v1`: paid; catalog commits the reservation.
public struct OrderConfirmed: OrderEvent, Equatable {
    public static let name = "order-confirmed"
    /// Order id.
    public var orderID: UUID
    /// The customer.
    public var customerID: UUID
    /// Amount paid.
    public var total: EventMoney

    /// A payload with every field.
    public init(orderID: UUID, customerID: UUID, total: EventMoney) {
        self.orderID = orderID
        self.customerID = customerID
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", customerID = "customer_id", total
    }

    public static let jsonSchema = orderSchema(name, required: ["customer_id", "total"], properties: """
    "customer_id":{"type":"string","format":"uuid"},"total":\(EventMoney.schema)
    """)
}

/// `mercato.orders.order-cancelled.v1`: catalog releases the reservation; payments refunds any charge.
public struct OrderCancelled: OrderEvent, Equatable {
    public static let name = "order-cancelled"
    /// Order id.
    public var orderID: UUID
    /// The customer.
    public var customerID: UUID
    /// Why.
    public var reason: CancellationReason
    /// Human-readable detail (e.g. which lines were out of stock), if any.
    public var detail: String?
    /// The order's total.
    public var total: EventMoney

    /// A payload with every field.
    public init(orderID: UUID, customerID: UUID, reason: CancellationReason, detail: String?, total: EventMoney) {
        self.orderID = orderID
        self.customerID = customerID
        self.reason = reason
        self.detail = detail
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", customerID = "customer_id", reason, detail, total
    }

    public static let jsonSchema = orderSchema(name, required: ["customer_id", "reason", "total"], properties: """
    "customer_id":{"type":"string","format":"uuid"},"reason":\(CancellationReason.schema),
    "detail":{"type":["string","null"]},"total":\(EventMoney.schema)
    """)
}

/// `mercato.orders.order-status-updated.v1`: every status change, for customers' notifications and views.
public struct OrderStatusUpdated: OrderEvent, Equatable {
    public static let name = "order-status-updated"
    /// Order id.
    public var orderID: UUID
    /// The customer.
    public var customerID: UUID
    /// Status before.
    public var previousStatus: OrderStatusName
    /// Status now.
    public var status: OrderStatusName
    /// Why, for cancellations.
    public var reason: CancellationReason?

    /// A payload with every field.
    public init(orderID: UUID, customerID: UUID, previousStatus: OrderStatusName, status: OrderStatusName, reason: CancellationReason?) {
        self.orderID = orderID
        self.customerID = customerID
        self.previousStatus = previousStatus
        self.status = status
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", customerID = "customer_id", previousStatus = "previous_status", status, reason
    }

    public static let jsonSchema = orderSchema(name, required: ["customer_id", "previous_status", "status"], properties: """
    "customer_id":{"type":"string","format":"uuid"},"previous_status":\(OrderStatusName.schema),
    "status":\(OrderStatusName.schema),"reason":\(CancellationReason.nullableSchema)
    """)
}

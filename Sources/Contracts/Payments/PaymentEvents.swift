import Foundation

/// Payments publishes every payment event; version 1; the envelope's subject is the order id.
public protocol PaymentEvent: EventPayload {
    /// The order paid for.
    var orderID: UUID { get }
}

extension PaymentEvent {
    /// Payments.
    public static var producer: String { "payments" }
    /// Version 1.
    public static var version: Int { 1 }
}

/// Why a charge failed, as `payment-failed` spells it.
public enum PaymentFailureCode: String, Codable, Sendable, CaseIterable {
    /// The issuer declined the card.
    case declined
    /// Not enough funds.
    case insufficientFunds = "insufficient_funds"
    /// The provider kept failing or timing out after every retry.
    case providerUnavailable = "provider_unavailable"
    /// The token is not a card the provider knows.
    case invalidToken = "invalid_token"

    static let schema = enumSchema(Self.self)
}

/// `mercato.payments.payment-succeeded.v1`: the order's one successful charge.
public struct PaymentSucceeded: PaymentEvent, Equatable {
    public static let name = "payment-succeeded"
    /// Order id.
    public var orderID: UUID
    /// The payment (charge) id.
    public var paymentID: UUID
    /// Amount charged.
    public var amount: EventMoney

    /// A payload with every field.
    public init(orderID: UUID, paymentID: UUID, amount: EventMoney) {
        self.orderID = orderID
        self.paymentID = paymentID
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", paymentID = "payment_id", amount
    }

    public static let jsonSchema = orderSchema(name, required: ["payment_id", "amount"], properties: """
    "payment_id":{"type":"string","format":"uuid"},"amount":\(EventMoney.schema)
    """)
}

/// `mercato.payments.payment-failed.v1`: nothing was charged.
public struct PaymentFailed: PaymentEvent, Equatable {
    public static let name = "payment-failed"
    /// Order id.
    public var orderID: UUID
    /// The failed payment's id.
    public var paymentID: UUID
    /// Machine-readable cause.
    public var code: PaymentFailureCode
    /// Provider's message.
    public var detail: String?

    /// A payload with every field.
    public init(orderID: UUID, paymentID: UUID, code: PaymentFailureCode, detail: String?) {
        self.orderID = orderID
        self.paymentID = paymentID
        self.code = code
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", paymentID = "payment_id", code, detail
    }

    public static let jsonSchema = orderSchema(name, required: ["payment_id", "code"], properties: """
    "payment_id":{"type":"string","format":"uuid"},"code":\(PaymentFailureCode.schema),"detail":{"type":["string","null"]}
    """)
}

/// `mercato.payments.payment-refunded.v1`: a charge was refunded in full.
public struct PaymentRefunded: PaymentEvent, Equatable {
    public static let name = "payment-refunded"
    /// Order id.
    public var orderID: UUID
    /// The charge refunded.
    public var paymentID: UUID
    /// The refund's id.
    public var refundID: UUID
    /// The customer refunded (the order's owner, for notifications).
    public var customerID: UUID
    /// Amount refunded.
    public var amount: EventMoney

    /// A payload with every field.
    public init(orderID: UUID, paymentID: UUID, refundID: UUID, customerID: UUID, amount: EventMoney) {
        self.orderID = orderID
        self.paymentID = paymentID
        self.refundID = refundID
        self.customerID = customerID
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", paymentID = "payment_id", refundID = "refund_id", customerID = "customer_id", amount
    }

    public static let jsonSchema = orderSchema(name, required: ["payment_id", "refund_id", "customer_id", "amount"], properties: """
    "payment_id":{"type":"string","format":"uuid"},"refund_id":{"type":"string","format":"uuid"},
    "customer_id":{"type":"string","format":"uuid"},"amount":\(EventMoney.schema)
    """)
}

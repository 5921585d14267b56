import Contracts
import Foundation
import MercatoCore

/// A payment as `GET /api/v1/payments` shows it.
struct PaymentResource: Encodable, Sendable, Equatable {
    var id: UUID
    var orderID: UUID
    var status: PaymentState
    var amount: EventMoney
    var refundedAmount: EventMoney
    /// Present when the payment failed.
    var failureCode: PaymentFailureCode?
    var createdAt: Date
    var updatedAt: Date
    var refunds: [RefundResource]

    enum CodingKeys: String, CodingKey {
        case id, orderID = "order_id", status, amount, refundedAmount = "refunded_amount", failureCode = "failure_code",
             createdAt = "created_at", updatedAt = "updated_at", refunds
    }

    /// The resource of `payment` with its `refunds`.
    init(_ payment: StoredPayment, refunds: [RefundResource]) {
        id = payment.id
        orderID = payment.orderID
        status = payment.status
        amount = payment.amount
        refundedAmount = EventMoney(amount: payment.refundedAmount, currency: payment.amount.currency)
        failureCode = payment.failureCode
        createdAt = payment.createdAt
        updatedAt = payment.updatedAt
        self.refunds = refunds
    }
}

/// A refund of a payment.
struct RefundResource: Encodable, Sendable, Equatable {
    var id: UUID
    var amount: EventMoney
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, amount, createdAt = "created_at"
    }
}

/// `{"items": [...]}`.
struct PaymentList: Encodable, Sendable {
    var items: [PaymentResource]
}

extension Principal {
    /// Whether this caller may see `payment`: its customer, or staff and admins.
    func mayRead(_ payment: StoredPayment) -> Bool {
        hasAny(of: [.staff, .admin]) || UUID(uuidString: subject) == payment.customerID
    }
}

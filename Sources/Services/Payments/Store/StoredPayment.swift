import Contracts
import Foundation
import PostgresNIO

/// One `payments` row.
struct StoredPayment: Sendable, Equatable {
    var id: UUID
    var orderID: UUID
    var customerID: UUID
    var status: PaymentState
    var amount: EventMoney
    var refundedAmount: Int
    var idempotencyKey: String
    var providerReference: String?
    var failureCode: PaymentFailureCode?
    var createdAt: Date
    var updatedAt: Date

    /// The columns `init(row:)` decodes, in order.
    static let columns = """
        id, order_id, customer_id, status, amount, currency, refunded_amount, idempotency_key, provider_reference, failure_code,
        created_at, updated_at
        """

    /// Decodes a row of exactly `columns`; throws for a value the schema's checks should have refused.
    init(row: PostgresRow) throws {
        let (id, order, customer, status, amount, currency, refunded, key, reference, code, created, updated) =
            try row.decode((UUID, UUID, UUID, String, Int64, String, Int64, String, String?, String?, Date, Date).self)
        guard let state = PaymentState(rawValue: status) else { throw PaymentRowError(id: id) }
        let failure = try code.map { text in
            guard let code = PaymentFailureCode(rawValue: text) else { throw PaymentRowError(id: id) }
            return code
        }
        self.init(id: id, orderID: order, customerID: customer, status: state, amount: EventMoney(amount: Int(amount), currency: currency),
                  refundedAmount: Int(refunded), idempotencyKey: key, providerReference: reference, failureCode: failure,
                  createdAt: created, updatedAt: updated)
    }

    /// A payment with every field.
    init(id: UUID, orderID: UUID, customerID: UUID, status: PaymentState, amount: EventMoney, refundedAmount: Int, idempotencyKey: String,
         providerReference: String?, failureCode: PaymentFailureCode?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.orderID = orderID
        self.customerID = customerID
        self.status = status
        self.amount = amount
        self.refundedAmount = refundedAmount
        self.idempotencyKey = idempotencyKey
        self.providerReference = providerReference
        self.failureCode = failureCode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A stored row holds a value the schema's checks should have refused.
struct PaymentRowError: Error, CustomStringConvertible {
    var id: UUID
    var description: String { "payment \(id) has an unknown status or failure code" }
}

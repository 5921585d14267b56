import Contracts
import Foundation
import Logging
import MercatoCore
import Messaging

/// `order-cancelled`: refunds the order's charge once, inside the event's inbox transaction.
///
/// Under the order's advisory lock the cancellation is recorded first (so a later `payment-requested` never charges).
/// A succeeded, unrefunded payment is refunded in full through the provider with the key `refund-<payment id>`, then
/// marked `refunded` with its refund row, ledger transaction and a `payment-refunded` in the outbox. A refund the
/// provider cannot make now throws, so the event is retried (and dead-lettered after the last retry).
struct RefundEffect: Sendable {
    let client: ProviderClient
    let instruments: PaymentInstruments
    let logger: Logger

    /// The idempotency key of a payment's refund.
    static func idempotencyKey(paymentID: UUID) -> String { "refund-" + paymentID.uuidString.lowercased() }

    /// Applies one `order-cancelled`.
    func apply(_ event: ReceivedEvent<OrderCancelled>, on connection: DatabaseConnection) async throws {
        let orderID = event.payload.orderID
        try await PaymentWriter.lockOrder(orderID, on: connection)
        try await PaymentWriter.rememberCancellation(orderID, reason: event.payload.reason.rawValue, on: connection)
        let payment = try await PaymentWriter.find(orderID: orderID, on: connection)
        switch RefundDecision.decide(existing: payment?.status) {
        case .rememberOnly, .nothing:
            return
        case .waitForCharge:
            throw RefundFailure(message: "the charge of order \(orderID) is still being settled")
        case .refund:
            guard let payment, let reference = payment.providerReference else { return }
            try await refund(payment, chargeReference: reference, on: connection)
        }
    }

    /// Refunds what is left of `payment` and records it.
    private func refund(_ payment: StoredPayment, chargeReference: String, on connection: DatabaseConnection) async throws {
        let amount = EventMoney(amount: payment.amount.amount - payment.refundedAmount, currency: payment.amount.currency)
        let key = Self.idempotencyKey(paymentID: payment.id)
        let refund: ProviderRefund
        do {
            refund = try await client.refund(idempotencyKey: key, chargeReference: chargeReference, amount: amount)
        } catch {
            instruments.refunded(succeeded: false)
            logger.warning("refund failed; the event will be retried", metadata: ["order_id": "\(payment.orderID)", "error": "\(error)"])
            throw error
        }
        let refundID = UUID()
        try await PaymentWriter.refunded(payment, refundID: refundID, idempotencyKey: key, refund: refund, on: connection)
        try await LedgerWriter.post(.refund, amount: amount, orderID: payment.orderID, paymentID: payment.id, on: connection)
        try await Outbox.enqueue(PaymentRefunded(orderID: payment.orderID, paymentID: payment.id, refundID: refundID, customerID: payment.customerID, amount: amount),
                                 subject: payment.orderID.uuidString.lowercased(), on: connection)
        instruments.refunded(succeeded: true)
    }
}

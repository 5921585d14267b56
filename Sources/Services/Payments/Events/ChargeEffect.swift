import Contracts
import Foundation
import Logging
import MercatoCore
import Messaging

/// `payment-requested`: charges the order once, inside the event's inbox transaction.
///
/// Under the order's advisory lock: a cancelled order is never charged; an order whose payment already ended is left
/// alone (a redelivery or a retried request); otherwise the payment row is inserted `pending` (UNIQUE on `order_id`:
/// at most one per order) and charged with the idempotency key `charge-<order id>` — the same key on every
/// redelivery, so a charge the provider made before a crash or rollback is answered again, never repeated. The
/// outcome is recorded with its ledger transaction and a `payment-succeeded` or `payment-failed` in the outbox.
struct ChargeEffect: Sendable {
    let client: ProviderClient
    let instruments: PaymentInstruments
    let logger: Logger

    /// The idempotency key of the order's charge.
    static func idempotencyKey(orderID: UUID) -> String { "charge-" + orderID.uuidString.lowercased() }

    /// Applies one `payment-requested`.
    func apply(_ event: ReceivedEvent<PaymentRequested>, on connection: DatabaseConnection) async throws {
        let request = event.payload
        try Self.validate(request)
        try await PaymentWriter.lockOrder(request.orderID, on: connection)
        let existing = try await PaymentWriter.find(orderID: request.orderID, on: connection)
        let cancelled = try await PaymentWriter.isCancelled(request.orderID, on: connection)
        let payment: StoredPayment
        switch ChargeDecision.decide(existing: existing?.status, cancelled: cancelled) {
        case .alreadyDone:
            return
        case .skipCancelled:
            logger.info("order cancelled before payment; not charging", metadata: ["order_id": "\(request.orderID)"])
            return
        case .resume:
            guard let existing else { return }
            payment = existing
        case .create:
            guard let inserted = try await PaymentWriter.insertPending(
                id: UUID(), request: request, idempotencyKey: Self.idempotencyKey(orderID: request.orderID), on: connection)
            else { throw ConcurrentPayment(orderID: request.orderID) }
            payment = inserted
        }
        let outcome = try await client.charge(idempotencyKey: payment.idempotencyKey, amount: payment.amount, token: request.token)
        try await PaymentWriter.settle(payment.id, outcome: outcome, on: connection)
        let subject = request.orderID.uuidString.lowercased()
        switch outcome {
        case .succeeded:
            try await LedgerWriter.post(.charge, amount: payment.amount, orderID: payment.orderID, paymentID: payment.id, on: connection)
            try await Outbox.enqueue(PaymentSucceeded(orderID: payment.orderID, paymentID: payment.id, amount: payment.amount),
                                     subject: subject, on: connection)
        case .failed(let code, let detail):
            try await Outbox.enqueue(PaymentFailed(orderID: payment.orderID, paymentID: payment.id, code: code, detail: detail),
                                     subject: subject, on: connection)
        }
        instruments.charged(outcome)
    }

    /// Refuses requests that can never be charged: a non-positive amount, a malformed currency, another method.
    static func validate(_ request: PaymentRequested) throws {
        guard request.amount.amount > 0 else { throw PermanentEventFailure("payment-requested with a non-positive amount") }
        guard request.amount.currency.count == 3, request.amount.currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw PermanentEventFailure("payment-requested with a malformed currency")
        }
        guard request.method == "card", !request.token.isEmpty else {
            throw PermanentEventFailure("payment-requested without a card token")
        }
    }
}

/// Another transaction inserted the order's payment first (transient: the retried event finds its row).
struct ConcurrentPayment: Error, CustomStringConvertible {
    var orderID: UUID
    var description: String { "order \(orderID) got a payment from a concurrent transaction" }
}

import Contracts
import Foundation

extension InvariantChecker {
    /// From the payments side: every successful charge is for a paid (confirmed, shipped or delivered) order, or was
    /// refunded in full. What it adds to `confirmed-orders-paid` (which starts from the paid orders) and to
    /// `cancelled-orders-clean` / `payments-have-orders` (which it overlaps for cancelled and missing orders): a charge
    /// whose order is still PENDING or AWAITING_PAYMENT — the customer paid, the order never heard (briefly true while
    /// `payment-succeeded` is in flight, so only one that outlasts `--settle` is reported) — and a `refunded` payment
    /// whose refund is not the whole charge.
    static func chargesAccounted(_ ordersReading: AuditReading<[OrderAudit]>, _ paymentsReading: AuditReading<[PaymentAudit]>) -> InvariantResult {
        let (name, claim) = ("charges-accounted", "every successful charge belongs to a paid order or was refunded in full")
        guard let orders = ordersReading.value, let payments = paymentsReading.value else {
            return .unknown(name: name, claim: claim, missing: missing(ordersReading.missing, paymentsReading.missing))
        }
        let statusOf = Dictionary(orders.map { ($0.orderID, $0.status) }, uniquingKeysWith: { first, _ in first })
        let charges = payments.filter { $0.state == .succeeded || $0.state == .refunded }
        let offenders = charges.compactMap { payment -> String? in
            let charge = "payment \(id(payment.paymentID)) of \(money(payment.charged)) for order \(id(payment.orderID))"
            if payment.state == .refunded {
                return payment.refunded == payment.charged ? nil : "\(charge): refunded only \(money(payment.refunded))"
            }
            switch statusOf[payment.orderID] {
            case nil: return "\(charge): succeeded, order missing"
            case .cancelled?: return "\(charge): succeeded, order CANCELLED and not refunded"
            case let status? where paidStatuses.contains(status): return nil
            case let status?: return "\(charge): succeeded, order still \(status.rawValue)"
            }
        }
        return InvariantResult(name: name, claim: claim, examined: charges.count, offenders: offenders)
    }
}

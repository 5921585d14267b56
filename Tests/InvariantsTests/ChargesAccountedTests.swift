import Contracts
import Foundation
import Invariants
import Testing

/// `charges-accounted`: from the payments side, every successful charge is for a paid order or refunded in full.
@Suite struct ChargesAccountedTests {
    static func eur(_ amount: Int) -> EventMoney { EventMoney(amount: amount, currency: "EUR") }

    static func order(_ id: UUID, _ status: OrderStatusName) -> OrderAudit {
        OrderAudit(orderID: id, status: status, total: eur(100), cancellationReason: status == .cancelled ? .customerCancelled : nil, stuck: false)
    }

    static func payment(_ order: UUID, _ state: PaymentState, refunded: Int = 0) -> PaymentAudit {
        PaymentAudit(orderID: order, paymentID: UUID(), state: state, charged: eur(state == .failed ? 0 : 100), refunded: eur(refunded))
    }

    func verdict(_ orders: [OrderAudit], _ payments: [PaymentAudit]) -> InvariantResult? {
        var snapshot = AuditSnapshot.empty()
        (snapshot.orders, snapshot.payments) = (.read(orders), .read(payments))
        return snapshot.verdict("charges-accounted")
    }

    @Test func chargesOfPaidOrdersAndFullRefundsAreAccounted() {
        let ids = (0..<5).map { _ in UUID() }
        let result = verdict(
            [Self.order(ids[0], .confirmed), Self.order(ids[1], .shipped), Self.order(ids[2], .delivered), Self.order(ids[3], .cancelled),
             Self.order(ids[4], .cancelled)],
            [Self.payment(ids[0], .succeeded), Self.payment(ids[1], .succeeded), Self.payment(ids[2], .succeeded),
             Self.payment(ids[3], .refunded, refunded: 100), Self.payment(ids[4], .failed)])
        #expect(result?.status == .pass)
        #expect(result?.examined == 4, "the failed payment charged nothing")
    }

    @Test(arguments: [(OrderStatusName.pending, "order still PENDING"), (.awaitingPayment, "order still AWAITING_PAYMENT"),
                      (.cancelled, "order CANCELLED and not refunded")])
    func aChargeForAnUnpaidOrderIsReported(status: OrderStatusName, problem: String) {
        let id = UUID()
        let result = verdict([Self.order(id, status)], [Self.payment(id, .succeeded)])
        #expect(result?.status == .fail)
        #expect(result?.offenders.count == 1)
        #expect(result?.offenders.first?.hasSuffix(problem) == true, "\(result?.offenders ?? [])")
        #expect(result?.offenders.first?.contains("for order \(id.uuidString.lowercased())") == true)
    }

    @Test func aChargeWithoutAnOrderOrAPartialRefundIsReported() {
        let (stray, partial) = (UUID(), UUID())
        let result = verdict([Self.order(partial, .cancelled)], [Self.payment(stray, .succeeded), Self.payment(partial, .refunded, refunded: 40)])
        #expect(result?.offenders.count == 2)
        #expect(result?.offenders.contains { $0.hasSuffix("succeeded, order missing") } == true)
        #expect(result?.offenders.contains { $0.hasSuffix("refunded only 40 EUR") } == true)
    }

    @Test func unknownWithoutOrdersOrPayments() {
        var snapshot = AuditSnapshot.empty()
        (snapshot.orders, snapshot.payments) = (.unknown("orders /internal/v1/audit/orders: refused"), .read([Self.payment(UUID(), .succeeded)]))
        let result = snapshot.verdict("charges-accounted")
        #expect(result?.status == .unknown)
        #expect(result?.missing == ["orders /internal/v1/audit/orders: refused"])
        #expect(result?.examined == 0)
    }
}

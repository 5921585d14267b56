import Contracts
import Foundation

/// The cross-service invariants of the order saga, evaluated on an `AuditSnapshot` (pure: no I/O).
public enum InvariantChecker {
    /// Every invariant's verdict, in a fixed order. `outboxBound` is how old an unsent outbox row may be (seconds).
    public static func evaluate(_ snapshot: AuditSnapshot, outboxBound: Double) -> [InvariantResult] {
        let reservations = Dictionary(snapshot.reservations.map { ($0.orderID, $0) }, uniquingKeysWith: { first, _ in first })
        let payments = Dictionary(grouping: snapshot.payments, by: \.orderID)
        return [
            stockConserved(snapshot.stock),
            reservedMatchesHolds(snapshot.stock, snapshot.reservations),
            confirmedOrdersPaidAndCommitted(snapshot.orders, payments: payments, reservations: reservations),
            cancelledOrdersReleasedAndRefunded(snapshot.orders, payments: payments, reservations: reservations),
            chargesBelongToLiveOrders(snapshot.orders, snapshot.payments),
            noStuckSagas(snapshot.orders),
            ledgerBalanced(snapshot.ledger),
            outboxesDrained(snapshot.outboxes, bound: outboxBound),
            deadLetterQueuesEmpty(snapshot.deadLetters),
        ]
    }

    static let paidStatuses: Set<OrderStatusName> = [.confirmed, .shipped, .delivered]

    static func stockConserved(_ stock: [StockAudit]) -> InvariantResult {
        let offenders = stock.compactMap { item -> String? in
            var problems: [String] = []
            if item.onHand != item.available + item.reserved {
                problems.append("on_hand \(item.onHand) ≠ available \(item.available) + reserved \(item.reserved)")
            }
            if item.onHand != item.ledgerSum { problems.append("on_hand \(item.onHand) ≠ ledger sum \(item.ledgerSum)") }
            if item.available < 0 || item.reserved < 0 { problems.append("negative stock") }
            return problems.isEmpty ? nil : "product \(id(item.productID)): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: "stock-conserved",
                               claim: "per product, on_hand = available + reserved and on_hand = the sum of its ledger movements",
                               examined: stock.count, offenders: offenders)
    }

    /// Per product `reserved == held` (so opposite errors on two products cannot cancel out); the products' held units
    /// add up to the held reservations' (catches a reservation missing from either audit); non-held ones count 0 units.
    static func reservedMatchesHolds(_ stock: [StockAudit], _ reservations: [ReservationAudit]) -> InvariantResult {
        var offenders = stock.filter { $0.reserved != $0.held }
            .map { "product \(id($0.productID)): reserved \($0.reserved) ≠ units in held reservations \($0.held)" }
        offenders += reservations.filter { $0.state != .held && $0.heldUnits != 0 }
            .map { "order \(id($0.orderID)): \($0.state.rawValue) reservation still counts \($0.heldUnits) units" }
        let heldByProduct = stock.reduce(0) { $0 + $1.held }
        let heldByReservation = reservations.filter { $0.state == .held }.reduce(0) { $0 + $1.heldUnits }
        if heldByProduct != heldByReservation {
            offenders.append("catalog: held units over products \(heldByProduct) ≠ units of held reservations \(heldByReservation)")
        }
        return InvariantResult(name: "reserved-equals-holds",
                               claim: "per product, reserved units equal its units in held reservations; those add up to the held reservations' units",
                               examined: stock.count + reservations.count, offenders: offenders)
    }

    static func confirmedOrdersPaidAndCommitted(_ orders: [OrderAudit], payments: [UUID: [PaymentAudit]],
                                                reservations: [UUID: ReservationAudit]) -> InvariantResult {
        let paid = orders.filter { paidStatuses.contains($0.status) }
        let offenders = paid.compactMap { order -> String? in
            var problems: [String] = []
            let succeeded = (payments[order.orderID] ?? []).filter { $0.state == .succeeded }
            if succeeded.count != 1 {
                problems.append("\(succeeded.count) successful payments")
            } else if succeeded[0].charged != order.total {
                problems.append("charged \(money(succeeded[0].charged)) ≠ total \(money(order.total))")
            }
            let state = reservations[order.orderID]?.state
            if state != .committed { problems.append("reservation \(state?.rawValue ?? "missing"), not committed") }
            return problems.isEmpty ? nil : "order \(id(order.orderID)) \(order.status.rawValue): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: "confirmed-orders-paid",
                               claim: "every confirmed order has exactly one successful payment equal to its total and a committed reservation",
                               examined: paid.count, offenders: offenders)
    }

    static func cancelledOrdersReleasedAndRefunded(_ orders: [OrderAudit], payments: [UUID: [PaymentAudit]],
                                                   reservations: [UUID: ReservationAudit]) -> InvariantResult {
        let cancelled = orders.filter { $0.status == .cancelled }
        let offenders = cancelled.compactMap { order -> String? in
            var problems: [String] = []
            if let reservation = reservations[order.orderID], reservation.state == .held || reservation.state == .committed {
                problems.append("reservation still \(reservation.state.rawValue)")
            }
            for payment in payments[order.orderID] ?? [] where payment.state == .succeeded || payment.state == .pending {
                problems.append("payment \(id(payment.paymentID)) \(payment.state.rawValue)")
            }
            return problems.isEmpty ? nil : "order \(id(order.orderID)): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: "cancelled-orders-clean",
                               claim: "no cancelled order holds a reservation or an unrefunded charge",
                               examined: cancelled.count, offenders: offenders)
    }

    static func chargesBelongToLiveOrders(_ orders: [OrderAudit], _ payments: [PaymentAudit]) -> InvariantResult {
        let known = Set(orders.map(\.orderID))
        let offenders = payments.filter { !known.contains($0.orderID) }.map { "payment \(id($0.paymentID)) for unknown order \(id($0.orderID))" }
        return InvariantResult(name: "payments-have-orders", claim: "every payment belongs to an order that exists",
                               examined: payments.count, offenders: offenders)
    }

    static func noStuckSagas(_ orders: [OrderAudit]) -> InvariantResult {
        let offenders = orders.filter(\.stuck).map { "order \(id($0.orderID)) \($0.status.rawValue) past the saga timeout" }
        return InvariantResult(name: "no-stuck-sagas", claim: "no order stays pending or awaiting payment past the saga timeout",
                               examined: orders.count, offenders: offenders)
    }

    static func ledgerBalanced(_ ledger: LedgerAudit) -> InvariantResult {
        InvariantResult(name: "ledger-balanced", claim: "every payments ledger transaction has equal debits and credits",
                        examined: ledger.transactions, offenders: ledger.unbalanced.map { "transaction \(id($0)) unbalanced" })
    }

    static func outboxesDrained(_ outboxes: [String: OutboxAudit], bound: Double) -> InvariantResult {
        let offenders = outboxes.sorted { $0.key < $1.key }.compactMap { service, outbox -> String? in
            outbox.unsent > 0 && outbox.oldestUnsentAgeSeconds > bound
                ? "\(service): \(outbox.unsent) unsent, oldest \(String(format: "%.1f", outbox.oldestUnsentAgeSeconds)) s" : nil
        }
        return InvariantResult(name: "outboxes-drained", claim: "no outbox row stays unsent longer than \(Int(bound)) s",
                               examined: outboxes.count, offenders: offenders)
    }

    static func deadLetterQueuesEmpty(_ deadLetters: [String: [String]]) -> InvariantResult {
        let offenders = deadLetters.sorted { $0.key < $1.key }.flatMap { service, ids in ids.map { "\(service).dlq: \($0)" } }
        return InvariantResult(name: "dead-letter-queues-empty", claim: "every dead-letter queue is empty",
                               examined: deadLetters.count, offenders: offenders)
    }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
    static func money(_ value: EventMoney) -> String { "\(value.amount) \(value.currency)" }
}

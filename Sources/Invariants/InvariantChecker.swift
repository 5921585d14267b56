import Contracts
import Foundation

/// The cross-service invariants of the order saga, evaluated on an `AuditSnapshot` (pure: no I/O). An invariant
/// whose inputs could not be read is UNKNOWN; one read per service judges the services read and names the others.
public enum InvariantChecker {
    /// Every invariant's verdict, in a fixed order. `outboxBound` is how old an unsent outbox row may be (seconds);
    /// events sent less than `inFlight` seconds before the snapshot may still be on their way to a consumer.
    public static func evaluate(_ snapshot: AuditSnapshot, outboxBound: Double, inFlight: Double = 5) -> [InvariantResult] {
        [
            stockConserved(snapshot.stock),
            reservedMatchesHolds(snapshot.stock, snapshot.reservations),
            confirmedOrdersPaidAndCommitted(snapshot.orders, snapshot.payments, snapshot.reservations),
            cancelledOrdersReleasedAndRefunded(snapshot.orders, snapshot.payments, snapshot.reservations),
            chargesBelongToLiveOrders(snapshot.orders, snapshot.payments),
            noStuckSagas(snapshot.orders),
            ledgerBalanced(snapshot.ledger),
            outboxesDrained(snapshot.outboxes, bound: outboxBound),
            deadLetterQueuesEmpty(snapshot.deadLetters),
            eventsDelivered(snapshot.sentEvents, to: snapshot.inboxes, sentBefore: snapshot.takenAt.addingTimeInterval(-inFlight)),
            consumersMoving(snapshot.queues),
            chargesAccounted(snapshot.orders, snapshot.payments),
        ]
    }

    static let paidStatuses: Set<OrderStatusName> = [.confirmed, .shipped, .delivered]

    static func stockConserved(_ reading: AuditReading<[StockAudit]>) -> InvariantResult {
        let (name, claim) = ("stock-conserved", "per product, on_hand = available + reserved and on_hand = the sum of its ledger movements")
        guard let stock = reading.value else { return .unknown(name: name, claim: claim, missing: missing(reading.missing)) }
        let offenders = stock.compactMap { item -> String? in
            var problems: [String] = []
            if item.onHand != item.available + item.reserved {
                problems.append("on_hand \(item.onHand) ≠ available \(item.available) + reserved \(item.reserved)")
            }
            if item.onHand != item.ledgerSum { problems.append("on_hand \(item.onHand) ≠ ledger sum \(item.ledgerSum)") }
            if item.available < 0 || item.reserved < 0 { problems.append("negative stock") }
            return problems.isEmpty ? nil : "product \(id(item.productID)): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: name, claim: claim, examined: stock.count, offenders: offenders)
    }

    /// Per product `reserved == held` (so opposite errors on two products cannot cancel out); the products' held units
    /// add up to the held reservations' (catches a reservation missing from either audit); non-held ones count 0 units.
    static func reservedMatchesHolds(_ stockReading: AuditReading<[StockAudit]>,
                                     _ reservationsReading: AuditReading<[ReservationAudit]>) -> InvariantResult {
        let (name, claim) = ("reserved-equals-holds",
                             "per product, reserved units equal its units in held reservations; those add up to the held reservations' units")
        guard let stock = stockReading.value, let reservations = reservationsReading.value else {
            return .unknown(name: name, claim: claim, missing: missing(stockReading.missing, reservationsReading.missing))
        }
        var offenders = stock.filter { $0.reserved != $0.held }
            .map { "product \(id($0.productID)): reserved \($0.reserved) ≠ units in held reservations \($0.held)" }
        offenders += reservations.filter { $0.state != .held && $0.heldUnits != 0 }
            .map { "order \(id($0.orderID)): \($0.state.rawValue) reservation still counts \($0.heldUnits) units" }
        let heldByProduct = stock.reduce(0) { $0 + $1.held }
        let heldByReservation = reservations.filter { $0.state == .held }.reduce(0) { $0 + $1.heldUnits }
        if heldByProduct != heldByReservation {
            offenders.append("catalog: held units over products \(heldByProduct) ≠ units of held reservations \(heldByReservation)")
        }
        return InvariantResult(name: name, claim: claim, examined: stock.count + reservations.count, offenders: offenders)
    }

    static func confirmedOrdersPaidAndCommitted(_ ordersReading: AuditReading<[OrderAudit]>, _ paymentsReading: AuditReading<[PaymentAudit]>,
                                                _ reservationsReading: AuditReading<[ReservationAudit]>) -> InvariantResult {
        let (name, claim) = ("confirmed-orders-paid",
                             "every confirmed order has exactly one successful payment equal to its total and a committed reservation")
        guard let orders = ordersReading.value, let payments = paymentsReading.value, let reservations = reservationsReading.value else {
            return .unknown(name: name, claim: claim,
                            missing: missing(ordersReading.missing, paymentsReading.missing, reservationsReading.missing))
        }
        let (byOrder, reservationOf) = (paymentsByOrder(payments), reservationsByOrder(reservations))
        let paid = orders.filter { paidStatuses.contains($0.status) }
        let offenders = paid.compactMap { order -> String? in
            var problems: [String] = []
            let succeeded = (byOrder[order.orderID] ?? []).filter { $0.state == .succeeded }
            if succeeded.count != 1 {
                problems.append("\(succeeded.count) successful payments")
            } else if succeeded[0].charged != order.total {
                problems.append("charged \(money(succeeded[0].charged)) ≠ total \(money(order.total))")
            }
            let state = reservationOf[order.orderID]?.state
            if state != .committed { problems.append("reservation \(state?.rawValue ?? "missing"), not committed") }
            return problems.isEmpty ? nil : "order \(id(order.orderID)) \(order.status.rawValue): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: name, claim: claim, examined: paid.count, offenders: offenders)
    }

    static func cancelledOrdersReleasedAndRefunded(_ ordersReading: AuditReading<[OrderAudit]>, _ paymentsReading: AuditReading<[PaymentAudit]>,
                                                   _ reservationsReading: AuditReading<[ReservationAudit]>) -> InvariantResult {
        let (name, claim) = ("cancelled-orders-clean", "no cancelled order holds a reservation or an unrefunded charge")
        guard let orders = ordersReading.value, let payments = paymentsReading.value, let reservations = reservationsReading.value else {
            return .unknown(name: name, claim: claim,
                            missing: missing(ordersReading.missing, paymentsReading.missing, reservationsReading.missing))
        }
        let (byOrder, reservationOf) = (paymentsByOrder(payments), reservationsByOrder(reservations))
        let cancelled = orders.filter { $0.status == .cancelled }
        let offenders = cancelled.compactMap { order -> String? in
            var problems: [String] = []
            if let reservation = reservationOf[order.orderID], reservation.state == .held || reservation.state == .committed {
                problems.append("reservation still \(reservation.state.rawValue)")
            }
            for payment in byOrder[order.orderID] ?? [] where payment.state == .succeeded || payment.state == .pending {
                problems.append("payment \(id(payment.paymentID)) \(payment.state.rawValue)")
            }
            return problems.isEmpty ? nil : "order \(id(order.orderID)): " + problems.joined(separator: "; ")
        }
        return InvariantResult(name: name, claim: claim, examined: cancelled.count, offenders: offenders)
    }

    static func chargesBelongToLiveOrders(_ ordersReading: AuditReading<[OrderAudit]>,
                                          _ paymentsReading: AuditReading<[PaymentAudit]>) -> InvariantResult {
        let (name, claim) = ("payments-have-orders", "every payment belongs to an order that exists")
        guard let orders = ordersReading.value, let payments = paymentsReading.value else {
            return .unknown(name: name, claim: claim, missing: missing(ordersReading.missing, paymentsReading.missing))
        }
        let known = Set(orders.map(\.orderID))
        let offenders = payments.filter { !known.contains($0.orderID) }.map { "payment \(id($0.paymentID)) for unknown order \(id($0.orderID))" }
        return InvariantResult(name: name, claim: claim, examined: payments.count, offenders: offenders)
    }

    static func noStuckSagas(_ reading: AuditReading<[OrderAudit]>) -> InvariantResult {
        let (name, claim) = ("no-stuck-sagas", "no order stays pending or awaiting payment past the saga timeout")
        guard let orders = reading.value else { return .unknown(name: name, claim: claim, missing: missing(reading.missing)) }
        let offenders = orders.filter(\.stuck).map { "order \(id($0.orderID)) \($0.status.rawValue) past the saga timeout" }
        return InvariantResult(name: name, claim: claim, examined: orders.count, offenders: offenders)
    }

    static func ledgerBalanced(_ reading: AuditReading<LedgerAudit>) -> InvariantResult {
        let (name, claim) = ("ledger-balanced", "every payments ledger transaction has equal debits and credits")
        guard let ledger = reading.value else { return .unknown(name: name, claim: claim, missing: missing(reading.missing)) }
        return InvariantResult(name: name, claim: claim, examined: ledger.transactions,
                               offenders: ledger.unbalanced.map { "transaction \(id($0)) unbalanced" })
    }

    /// The services whose part was read, by name, and one line for each whose part was not.
    static func perService<Value>(_ readings: [String: AuditReading<Value>]) -> (read: [(String, Value)], missing: [String]) {
        let sorted = readings.sorted { $0.key < $1.key }
        return (sorted.compactMap { service, reading in reading.value.map { (service, $0) } }, sorted.compactMap { $0.value.missing })
    }

    /// The reasons of the inputs that are missing.
    static func missing(_ reasons: String?...) -> [String] { reasons.compactMap { $0 } }

    static func paymentsByOrder(_ payments: [PaymentAudit]) -> [UUID: [PaymentAudit]] { Dictionary(grouping: payments, by: \.orderID) }

    static func reservationsByOrder(_ reservations: [ReservationAudit]) -> [UUID: ReservationAudit] {
        Dictionary(reservations.map { ($0.orderID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
    static func money(_ value: EventMoney) -> String { "\(value.amount) \(value.currency)" }
}

import Contracts
import Foundation
import Invariants
import Testing

/// Each invariant passes on a consistent snapshot and names the offender when one record breaks it.
@Suite struct InvariantCheckerTests {
    static func eur(_ amount: Int) -> EventMoney { EventMoney(amount: amount, currency: "EUR") }
    static let product = UUID()
    static let other = UUID()
    static let confirmed = UUID()
    static let cancelled = UUID()
    static let inFlight = UUID()

    /// The records of a snapshot, every part read, to be changed by a test before `snapshot()`.
    struct World {
        var stock: [StockAudit]
        var reservations: [ReservationAudit]
        var orders: [OrderAudit]
        var payments: [PaymentAudit]
        var ledger: LedgerAudit
        var outboxes: [String: OutboxAudit]
        var deadLetters: [String: [String]]

        /// The snapshot of these records (no messaging parts: the messaging invariants have their own tests).
        func snapshot() -> AuditSnapshot {
            AuditSnapshot(stock: .read(stock), reservations: .read(reservations), orders: .read(orders), payments: .read(payments),
                          ledger: .read(ledger), outboxes: outboxes.mapValues { .read($0) }, deadLetters: deadLetters.mapValues { .read($0) },
                          sentEvents: [:], inboxes: [:], queues: [:])
        }
    }

    /// A consistent world: one confirmed order (paid, committed), one cancelled after payment (refunded, released),
    /// one awaiting payment (holding 2 of `product` and 1 of `other`); both products' figures add up.
    static func consistent() -> World {
        World(
            stock: [StockAudit(productID: product, onHand: 8, reserved: 2, available: 6, ledgerSum: 8, held: 2),
                    StockAudit(productID: other, onHand: 5, reserved: 1, available: 4, ledgerSum: 5, held: 1)],
            reservations: [
                ReservationAudit(orderID: confirmed, state: .committed, heldUnits: 0, expiresAt: Date()),
                ReservationAudit(orderID: cancelled, state: .released, heldUnits: 0, expiresAt: Date()),
                ReservationAudit(orderID: inFlight, state: .held, heldUnits: 3, expiresAt: Date()),
            ],
            orders: [
                OrderAudit(orderID: confirmed, status: .confirmed, total: eur(500), cancellationReason: nil, stuck: false),
                OrderAudit(orderID: cancelled, status: .cancelled, total: eur(300), cancellationReason: .customerCancelled, stuck: false),
                OrderAudit(orderID: inFlight, status: .awaitingPayment, total: eur(200), cancellationReason: nil, stuck: false),
            ],
            payments: [
                PaymentAudit(orderID: confirmed, paymentID: UUID(), state: .succeeded, charged: eur(500), refunded: eur(0)),
                PaymentAudit(orderID: cancelled, paymentID: UUID(), state: .refunded, charged: eur(300), refunded: eur(300)),
            ],
            ledger: LedgerAudit(transactions: 3, unbalanced: []),
            outboxes: ["orders": OutboxAudit(unsent: 1, oldestUnsentAgeSeconds: 0.2), "catalog": OutboxAudit(unsent: 0, oldestUnsentAgeSeconds: 0)],
            deadLetters: ["orders": [], "catalog": []])
    }

    func failing(_ world: World) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: InvariantChecker.evaluate(world.snapshot(), outboxBound: 30).filter { !$0.passed }
            .map { ($0.name, $0.offenders) })
    }

    @Test func aConsistentSnapshotPassesEveryInvariant() {
        let results = InvariantChecker.evaluate(Self.consistent().snapshot(), outboxBound: 30)
        #expect(results.count == 12)
        #expect(results.allSatisfy { $0.status == .pass && $0.missing.isEmpty })
    }

    @Test func stockThatDoesNotAddUpIsReported() {
        var world = Self.consistent()
        world.stock[0].ledgerSum = 9
        let failures = failing(world)
        #expect(Array(failures.keys) == ["stock-conserved"])
        #expect(failures["stock-conserved"]?.first?.contains(Self.product.uuidString.lowercased()) == true)
    }

    @Test func reservedUnitsMustMatchHeldReservations() {
        var world = Self.consistent()
        world.stock[0].reserved = 3
        world.stock[0].available = 5
        let failures = failing(world)
        #expect(Array(failures.keys) == ["reserved-equals-holds"])
        #expect(failures["reserved-equals-holds"] == ["product \(Self.product.uuidString.lowercased()): reserved 3 ≠ units in held reservations 2"])
    }

    /// One product reserves a unit too many and the other one too few: the sums agree, the check per product does not.
    @Test func oppositeErrorsOnTwoProductsDoNotCancelOut() {
        var world = Self.consistent()
        world.stock[0].reserved = 3
        world.stock[0].available = 5
        world.stock[1].reserved = 0
        world.stock[1].available = 5
        #expect(world.stock.reduce(0) { $0 + $1.reserved } == world.reservations.reduce(0) { $0 + $1.heldUnits })
        let offenders = failing(world)["reserved-equals-holds"] ?? []
        #expect(offenders.count == 2)
        #expect(offenders.contains { $0.hasPrefix("product \(Self.product.uuidString.lowercased()): reserved 3 ≠") })
        #expect(offenders.contains { $0.hasPrefix("product \(Self.other.uuidString.lowercased()): reserved 0 ≠") })
    }

    /// Catalog's per-product held figures must add up to the held reservations it lists: a held reservation missing
    /// from the reservation audit is caught although every product's own figures agree.
    @Test func aHeldReservationMissingFromTheReservationAuditIsReported() {
        var world = Self.consistent()
        world.reservations.removeLast()
        #expect(failing(world)["reserved-equals-holds"] == ["catalog: held units over products 3 ≠ units of held reservations 0"])
    }

    @Test func aReservationNoLongerHeldMustCountNoUnits() {
        var world = Self.consistent()
        world.reservations[0].heldUnits = 2
        #expect(failing(world)["reserved-equals-holds"]
            == ["order \(Self.confirmed.uuidString.lowercased()): committed reservation still counts 2 units"])
    }

    @Test func aConfirmedOrderWithoutItsChargeOrCommitIsReported() {
        var world = Self.consistent()
        world.payments.removeFirst()
        world.reservations[0].state = .held
        world.reservations[0].heldUnits = 0
        let offenders = failing(world)["confirmed-orders-paid"] ?? []
        #expect(offenders.count == 1)
        #expect(offenders[0].contains("0 successful payments") && offenders[0].contains("reservation held"))
    }

    @Test func aChargeOfTheWrongAmountIsReported() {
        var world = Self.consistent()
        world.payments[0].charged = Self.eur(499)
        #expect(failing(world)["confirmed-orders-paid"]?.first?.contains("charged 499 EUR") == true)
    }

    @Test func aCancelledOrderKeepingItsChargeOrHoldIsReported() {
        var world = Self.consistent()
        world.payments[1].state = .succeeded
        world.reservations[1].state = .committed
        let offenders = failing(world)["cancelled-orders-clean"] ?? []
        #expect(offenders.count == 1)
        #expect(offenders[0].contains("reservation still committed") && offenders[0].contains("succeeded"))
    }

    @Test func strayPaymentsStuckSagasLedgerOutboxAndDeadLettersAreReported() {
        var world = Self.consistent()
        world.payments.append(PaymentAudit(orderID: UUID(), paymentID: UUID(), state: .failed, charged: Self.eur(0), refunded: Self.eur(0)))
        world.orders[2].stuck = true
        world.ledger.unbalanced = [UUID()]
        world.outboxes["orders"] = OutboxAudit(unsent: 4, oldestUnsentAgeSeconds: 45)
        world.deadLetters["catalog"] = ["evt-1"]
        #expect(Set(failing(world).keys) == ["payments-have-orders", "no-stuck-sagas", "ledger-balanced", "outboxes-drained",
                                                "dead-letter-queues-empty"])
        let deadLetters = failing(world)["dead-letter-queues-empty"]
        #expect(deadLetters == ["catalog.dlq: evt-1"])
    }
}

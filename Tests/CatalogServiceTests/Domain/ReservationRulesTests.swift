import Contracts
import Foundation
import Testing
@testable import CatalogService

/// Tier: unit. The reservation rules and the lifecycle every order event drives, without a database.
@Suite struct ReservationRulesTests {
    let a = UUID(uuidString: "00000000-0000-0000-0000-00000000000a") ?? UUID()
    let b = UUID(uuidString: "00000000-0000-0000-0000-00000000000b") ?? UUID()

    @Test func linesAreMergedPerProductInLockOrder() throws {
        let merged = try #require(ReservationRequest.merged([StockLine(productID: b, quantity: 2), StockLine(productID: a, quantity: 1),
                                                            StockLine(productID: b, quantity: 3)]))
        #expect(merged == [ReservedLine(productID: a, quantity: 1), ReservedLine(productID: b, quantity: 5)])
        #expect(ReservationRequest.merged([StockLine(productID: a, quantity: 0)]) == nil)
        #expect(ReservationRequest.merged([StockLine(productID: a, quantity: 1_000_001)]) == nil)
        #expect(ReservationRequest.merged([StockLine(productID: a, quantity: 600_000), StockLine(productID: a, quantity: 600_000)]) == nil)
        #expect(ReservationRequest.merged([]) == [])
    }

    @Test func lockOrderIsPostgresUUIDOrder() {
        let low = UUID(uuidString: "0FFFFFFF-0000-0000-0000-000000000000") ?? UUID()
        let high = UUID(uuidString: "A0000000-0000-0000-0000-000000000000") ?? UUID()
        #expect(ReservationRequest.lockOrder(low, high) && !ReservationRequest.lockOrder(high, low))
    }

    @Test func allLinesOrNone() {
        let lines = [ReservedLine(productID: a, quantity: 2), ReservedLine(productID: b, quantity: 2)]
        let plenty = [a: ReservableStock(onHand: 5, reserved: 3, isActive: true), b: ReservableStock(onHand: 2, reserved: 0, isActive: true)]
        #expect(ReservationRequest.evaluate(lines, stock: plenty) == .reserve(lines))
        let short = [a: ReservableStock(onHand: 5, reserved: 4, isActive: true), b: ReservableStock(onHand: 9, reserved: 0, isActive: false)]
        #expect(ReservationRequest.evaluate(lines, stock: short) == .refuse([
            UnavailableLine(productID: a, requested: 2, available: 1), UnavailableLine(productID: b, requested: 2, available: 0),
        ]))
        #expect(ReservationRequest.evaluate(lines, stock: [:]) == .refuse([
            UnavailableLine(productID: a, requested: 2, available: 0), UnavailableLine(productID: b, requested: 2, available: 0),
        ]))
    }

    @Test func everyStateMeetsEveryEvent() {
        let confirmed: [ReservationState?: ReservationStep] = [
            nil: .refuse("order-confirmed for an order catalog never reserved"),
            .held: .transition(.sellHeld, to: .committed), .committed: .nothing,
            .released: .transition(.sellAvailable, to: .committed), .expired: .transition(.sellAvailable, to: .committed),
        ]
        for (state, step) in confirmed { #expect(ReservationLifecycle.onConfirmed(state, hasLines: true) == step, "\(String(describing: state))") }
        for state in [ReservationState.released, .expired] {
            guard case .refuse = ReservationLifecycle.onConfirmed(state, hasLines: false) else {
                Issue.record("a confirm of an order cancelled before it was reserved must be refused")
                continue
            }
        }
        let cancelled: [ReservationState?: ReservationStep] = [
            nil: .recordCancelled, .held: .transition(.release, to: .released), .committed: .transition(.takeBack, to: .released),
            .released: .nothing, .expired: .nothing,
        ]
        for (state, step) in cancelled { #expect(ReservationLifecycle.onCancelled(state) == step, "\(String(describing: state))") }
        for state in ReservationState.allCases {
            #expect(ReservationLifecycle.onExpiryDue(state) == (state == .held ? .transition(.expire, to: .expired) : .nothing))
        }
    }

    @Test func effectsKeepOnHandEqualToTheLedger() {
        for effect in [StockEffect.hold, .release, .expire, .sellHeld, .sellAvailable, .takeBack] {
            // A movement is recorded exactly when on-hand stock moves, so on_hand stays the ledger's sum.
            #expect((effect.ledgerReason != nil) == (effect.onHandDelta(3) != 0), "\(effect)")
        }
        #expect(StockEffect.sellHeld.onHandDelta(3) == -3 && StockEffect.sellHeld.reservedDelta(3) == -3)
        #expect(StockEffect.sellAvailable.reservedDelta(3) == 0 && StockEffect.takeBack.onHandDelta(3) == 3)
        #expect(StockEffect.hold.reservedDelta(3) == 3 && StockEffect.expire.reservedDelta(3) == -3)
    }
}

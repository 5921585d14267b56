import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import CatalogService

/// Tier: integration on a real PostgreSQL. order-created: all lines held or none, under concurrency.
@Suite struct ReserveHandlerTests {
    @Test func everyLineIsHeldAndAnnounced() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let cups = try await fixture.product(onHand: 5)
            let order = UUID()
            let before = Date()
            #expect(try await fixture.created(order, [(beans, 3), (cups, 2), (beans, 1)]) == .applied)

            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 4))
            #expect(try await fixture.stock(cups) == StockLevel(onHand: 5, reserved: 2))
            #expect(try await fixture.state(order) == .held)
            let events = try await fixture.sagaEvents(order)
            #expect(events.map(\.name) == ["stock-reserved"])
            let reserved = try ReservationFixture.payload(StockReserved.self, try #require(events.first).body)
            #expect(Set(reserved.lines.map { "\($0.productID)=\($0.quantity)" }) == ["\(beans)=4", "\(cups)=2"])
            #expect(abs(reserved.expiresAt.timeIntervalSince(before) - 900) < 60)
            let stockUpdates = try await database.query("SELECT body FROM outbox WHERE event_type = 'mercato.catalog.stock-updated.v1' AND body LIKE '%\"reason\":\"reserved\"%'")
            #expect(stockUpdates.count == 2)
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func aLineThatDoesNotFitHoldsNothingAndNamesEveryFailedLine() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let cups = try await fixture.product(onHand: 5)
            let draft = try await fixture.product(onHand: 7, status: .draft)
            let unknown = UUID()
            let held = UUID()
            try await fixture.created(held, [(cups, 2)])
            let order = UUID()
            #expect(try await fixture.created(order, [(beans, 3), (cups, 4), (draft, 1), (unknown, 2)]) == .applied)

            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
            #expect(try await fixture.stock(cups) == StockLevel(onHand: 5, reserved: 2))
            #expect(try await fixture.stock(draft) == StockLevel(onHand: 7, reserved: 0))
            #expect(try await fixture.state(order) == nil)
            let events = try await fixture.sagaEvents(order)
            #expect(events.map(\.name) == ["stock-reservation-failed"])
            let failed = try ReservationFixture.payload(StockReservationFailed.self, try #require(events.first).body)
            #expect(Set(failed.failedLines.map { "\($0.productID) \($0.requested)/\($0.available)" })
                    == ["\(cups) 4/3", "\(draft) 1/0", "\(unknown) 2/0"])
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func twoOrdersRacingForTheLastUnitOneWins() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            for _ in 0..<30 {
                let other = try await fixture.product(onHand: 3)
                let last = try await fixture.product(onHand: 1)
                let (first, second) = (UUID(), UUID())
                // Lines in opposite orders: rows are still locked in product id order, so no deadlock.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await fixture.created(first, [(other, 1), (last, 1)]) }
                    group.addTask { try await fixture.created(second, [(last, 1), (other, 1)]) }
                    try await group.waitForAll()
                }
                let outcomes = try await [fixture.sagaEvents(first), fixture.sagaEvents(second)].map { $0.map(\.name) }
                #expect(outcomes.filter { $0 == ["stock-reserved"] }.count == 1, "\(outcomes)")
                #expect(outcomes.filter { $0 == ["stock-reservation-failed"] }.count == 1, "\(outcomes)")
                #expect(try await fixture.stock(last) == StockLevel(onHand: 1, reserved: 1))
                #expect(try await fixture.stock(other) == StockLevel(onHand: 3, reserved: 1))
            }
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func aRedeliveryOrASecondCreatedForTheOrderHasNoSecondEffect() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let order = UUID()
            let eventID = UUID()
            #expect(try await fixture.created(order, [(beans, 3)], id: eventID) == .applied)
            #expect(try await fixture.created(order, [(beans, 3)], id: eventID) == .duplicate)
            #expect(try await fixture.created(order, [(beans, 3)]) == .applied)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 3))
            #expect(try await fixture.sagaEvents(order).map(\.name) == ["stock-reserved"])
        }
    }

    @Test func anOrderWithoutLinesIsPoison() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            await #expect(throws: PermanentEventFailure.self) { try await fixture.created(UUID(), []) }
            await #expect(throws: PermanentEventFailure.self) { try await fixture.created(UUID(), [(beans, 0)]) }
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
        }
    }
}

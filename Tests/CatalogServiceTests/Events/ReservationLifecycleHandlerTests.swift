import Configuration
import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import CatalogService

/// Tier: integration on a real PostgreSQL. order-confirmed, order-cancelled and the expiry job.
@Suite struct ReservationLifecycleHandlerTests {
    @Test func confirmCommitsTheHoldAsASale() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let order = UUID()
            try await fixture.created(order, [(beans, 3)])
            let eventID = UUID()
            #expect(try await fixture.confirmed(order, id: eventID) == .applied)

            #expect(try await fixture.stock(beans) == StockLevel(onHand: 7, reserved: 0))
            #expect(try await fixture.state(order) == .committed)
            let movements = try await fixture.movements(beans)
            #expect(movements.map { "\($0.reason) \($0.delta)" } == ["restock 10", "sale -3"])
            #expect(movements.last?.order == order)
            #expect(try await fixture.invariantViolations().isEmpty)

            // The same event again, or another confirm: nothing more.
            #expect(try await fixture.confirmed(order, id: eventID) == .duplicate)
            #expect(try await fixture.confirmed(order) == .applied)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 7, reserved: 0))
            #expect(try await fixture.movements(beans).count == 2)
        }
    }

    @Test func cancelReleasesAHold() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let order = UUID()
            try await fixture.created(order, [(beans, 3)])
            #expect(try await fixture.cancelled(order) == .applied)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
            #expect(try await fixture.state(order) == .released)
            #expect(try await fixture.movements(beans).count == 1, "a release moves nothing on hand")
            #expect(try await fixture.cancelled(order) == .applied)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func cancellingAPaidOrderBringsTheStockBack() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let order = UUID()
            try await fixture.created(order, [(beans, 3)])
            try await fixture.confirmed(order)
            #expect(try await fixture.cancelled(order) == .applied)

            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
            #expect(try await fixture.state(order) == .released)
            #expect(try await fixture.movements(beans).map { "\($0.reason) \($0.delta)" } == ["restock 10", "sale -3", "return 3"])
            #expect(try await fixture.cancelled(order) == .applied)
            #expect(try await fixture.movements(beans).count == 3)
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func aCancelBeforeTheCreatedMeansTheOrderIsNeverReserved() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let beans = try await fixture.product(onHand: 10)
            let order = UUID()
            #expect(try await fixture.cancelled(order) == .applied)
            #expect(try await fixture.state(order) == .released)
            #expect(try await fixture.created(order, [(beans, 3)]) == .applied)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 0))
            #expect(try await fixture.sagaEvents(order).isEmpty, "out of order: neither reserved nor failed")
            await #expect(throws: PermanentEventFailure.self) { try await fixture.confirmed(order) }
        }
    }

    @Test func aConfirmForAnOrderNeverReservedIsPoison() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database)
            let error = await #expect(throws: PermanentEventFailure.self) { try await fixture.confirmed(UUID()) }
            #expect(error?.reason.contains("never reserved") == true)
        }
    }

    @Test func theExpiryJobGivesBackLapsedHolds() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database, ttl: 0)
            let beans = try await fixture.product(onHand: 10)
            let cups = try await fixture.product(onHand: 4)
            let orders = (0..<3).map { _ in UUID() }
            for order in orders { try await fixture.created(order, [(beans, 2), (cups, 1)]) }
            try await fixture.cancelled(orders[2])
            // One reservation still within its TTL: not touched.
            let lasting = UUID()
            try await ReservationFixture(database: database, ttl: 900).created(lasting, [(beans, 1)])

            #expect(try await fixture.sweep() == 2)
            #expect(try await fixture.state(orders[0]) == .expired)
            #expect(try await fixture.state(orders[1]) == .expired)
            #expect(try await fixture.state(orders[2]) == .released)
            #expect(try await fixture.state(lasting) == .held)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 10, reserved: 1))
            #expect(try await fixture.stock(cups) == StockLevel(onHand: 4, reserved: 0))
            let events = try await fixture.sagaEvents(orders[0])
            #expect(events.map(\.name) == ["stock-reserved", "reservation-expired"])
            let expired = try ReservationFixture.payload(ReservationExpired.self, try #require(events.last).body)
            #expect(Set(expired.lines.map { "\($0.productID)=\($0.quantity)" }) == ["\(beans)=2", "\(cups)=1"])
            #expect(try await fixture.invariantViolations().isEmpty)

            #expect(try await fixture.sweep() == 0)
            #expect(try await fixture.cancelled(orders[0]) == .applied)
            #expect(try await fixture.state(orders[0]) == .expired, "a cancel after expiry changes nothing")
        }
    }

    @Test func aLateConfirmTakesAvailableStockOrGoesToTheOperator() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database, ttl: 0)
            let beans = try await fixture.product(onHand: 5)
            let lucky = UUID()
            let unlucky = UUID()
            try await fixture.created(lucky, [(beans, 2)])
            try await fixture.created(unlucky, [(beans, 3)])
            #expect(try await fixture.sweep() == 2)

            #expect(try await fixture.confirmed(lucky) == .applied)
            #expect(try await fixture.state(lucky) == .committed)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 3, reserved: 0))
            #expect(try await fixture.movements(beans).map { "\($0.reason) \($0.delta)" } == ["restock 5", "sale -2"])

            // Someone else takes two of the three left: the late confirm of three cannot be served.
            let other = UUID()
            try await ReservationFixture(database: database, ttl: 900).created(other, [(beans, 2)])
            let confirmID = UUID()
            let error = await #expect(throws: PermanentEventFailure.self) { try await fixture.confirmed(unlucky, id: confirmID) }
            #expect(error?.reason.contains("stock is short") == true)
            #expect(try await fixture.state(unlucky) == .expired)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 3, reserved: 2))
            let claimed = try await database.query("SELECT 1 FROM inbox WHERE event_id = \(confirmID)")
            #expect(claimed.isEmpty, "the failed event is not marked handled")
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func replicasSweepingAtOnceExpireEachHoldOnce() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database, ttl: 0, sweepBatch: 7)
            let products = [try await fixture.product(onHand: 100), try await fixture.product(onHand: 100)]
            for index in 0..<40 { try await fixture.created(UUID(), [(products[index % 2], 2), (products[(index + 1) % 2], 1)]) }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await fixture.sweep() } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.reduce(0, +) == 40, "\(counts)")
            let expired = try await database.query("SELECT count(*)::int8 FROM outbox WHERE event_type = 'mercato.catalog.reservation-expired.v1'")
            #expect(try expired.first?.decode(Int64.self) == 40)
            #expect(try await fixture.stock(products[0]) == StockLevel(onHand: 100, reserved: 0))
            #expect(try await fixture.invariantViolations().isEmpty)
        }
    }

    @Test func theRunningJobSweepsOnItsOwn() async throws {
        try await withCatalogDatabase { database in
            let fixture = ReservationFixture(database: database, ttl: 0)
            let beans = try await fixture.product(onHand: 3)
            let order = UUID()
            try await fixture.created(order, [(beans, 2)])
            let config = CatalogConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
                "catalog.reservationSweepInterval": .init(.double(0.05), isSecret: false),
            ])))
            let job = Task { try await ReservationExpiryJob(database: database, config: config, logger: database.logger).run() }
            defer { job.cancel() }
            let deadline = ContinuousClock.now + .seconds(10)
            while try await fixture.state(order) != .expired, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await fixture.state(order) == .expired)
            #expect(try await fixture.stock(beans) == StockLevel(onHand: 3, reserved: 0))
            job.cancel()
            try await job.value
        }
    }
}

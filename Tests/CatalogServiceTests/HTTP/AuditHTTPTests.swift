import Foundation
import MercatoCore
import Testing
@testable import CatalogService

/// `GET /internal/v1/audit/{stock,reservations,outbox}` for `mercato check`: service tokens with scope `audit` (the
/// sent-events and inbox audits are in `EventAuditHTTPTests`; their tokens are checked here too).
@Suite struct AuditHTTPTests {
    static let checker = Caller.service(scope: "audit")

    /// Every page of `path` at `limit` items a page, following `next_cursor`.
    func allPages(_ client: CatalogClient, _ path: String, limit: Int) async throws -> [[JSONValue]] {
        try await client.auditPages(path, limit: limit, as: Self.checker)
    }

    @Test func stockAndReservationsArePagedWithConsistentFigures() async throws {
        try await CatalogTestApp.runWithPool { client, database in
            let fixture = ReservationFixture(database: database, ttl: 0)
            let products = [try await fixture.product(onHand: 10), try await fixture.product(onHand: 4), try await fixture.product(onHand: 0)]
            let (held, committed, expired) = (UUID(), UUID(), UUID())
            try await fixture.created(expired, [(products[0], 1)])
            try await fixture.sweep()
            try await fixture.created(committed, [(products[0], 2)])
            try await fixture.confirmed(committed)
            try await ReservationFixture(database: database).created(held, [(products[0], 3), (products[1], 4)])

            let stockPages = try await allPages(client, "/internal/v1/audit/stock", limit: 2)
            #expect(stockPages.map(\.count) == [2, 1])
            let stock = stockPages.flatMap { $0 }
            let ids = stock.compactMap { $0["product_id"]?.string?.lowercased() }
            #expect(ids == products.map { $0.uuidString.lowercased() }.sorted())
            for item in stock {
                let (onHand, reserved, available, ledger) = (item["on_hand"]?.int, item["reserved"]?.int, item["available"]?.int, item["ledger_sum"]?.int)
                #expect(onHand == (available ?? 0) + (reserved ?? 0) && ledger == onHand && item["held"]?.int == reserved, "\(item)")
            }
            let first = try #require(stock.first { $0["product_id"]?.string?.lowercased() == products[0].uuidString.lowercased() })
            #expect(first["on_hand"]?.int == 8 && first["reserved"]?.int == 3 && first["ledger_sum"]?.int == 8 && first["held"]?.int == 3)

            let reservationPages = try await allPages(client, "/internal/v1/audit/reservations", limit: 2)
            #expect(reservationPages.map(\.count) == [2, 1])
            var byOrder: [String: (String?, Int?)] = [:]
            for item in reservationPages.flatMap({ $0 }) {
                byOrder[item["order_id"]?.string?.lowercased() ?? ""] = (item["state"]?.string, item["held_units"]?.int)
                #expect(item["expires_at"]?.string != nil)
            }
            #expect(byOrder[held.uuidString.lowercased()]?.0 == "held" && byOrder[held.uuidString.lowercased()]?.1 == 7)
            #expect(byOrder[committed.uuidString.lowercased()]?.0 == "committed" && byOrder[committed.uuidString.lowercased()]?.1 == 0)
            #expect(byOrder[expired.uuidString.lowercased()]?.0 == "expired" && byOrder[expired.uuidString.lowercased()]?.1 == 0)

            let outbox = try await client.send(.get, "/internal/v1/audit/outbox", as: Self.checker)
            #expect(outbox.status == .ok)
            #expect(outbox.body["unsent"]?.int != nil && outbox.body["oldest_unsent_age_seconds"] != nil, "\(outbox.text)")
        }
    }

    /// Product id → (reserved, held) from every page of the stock audit.
    func reservedAndHeld(_ client: CatalogClient) async throws -> [UUID: (reserved: Int?, held: Int?)] {
        var figures: [UUID: (reserved: Int?, held: Int?)] = [:]
        for item in try await allPages(client, "/internal/v1/audit/stock", limit: 1).flatMap({ $0 }) {
            guard let id = item["product_id"]?.string.flatMap(UUID.init(uuidString:)) else { continue }
            figures[id] = (item["reserved"]?.int, item["held"]?.int)
        }
        return figures
    }

    /// `held` counts a product's units in held reservations only: it drops to 0 once each reservation is committed,
    /// released or expired, and always matches `reserved` (with one product a page, the figures span several pages).
    @Test func heldFollowsEachReservationUntilItIsCommittedCancelledOrExpired() async throws {
        try await CatalogTestApp.runWithPool { client, database in
            let fixture = ReservationFixture(database: database)
            let (beans, mugs) = (try await fixture.product(onHand: 10), try await fixture.product(onHand: 6))
            let (confirmed, cancelled, lapsing) = (UUID(), UUID(), UUID())
            try await fixture.created(confirmed, [(beans, 3), (mugs, 1)])
            try await fixture.created(cancelled, [(beans, 2)])
            try await ReservationFixture(database: database, ttl: 0).created(lapsing, [(mugs, 4)])
            var figures = try await reservedAndHeld(client)
            #expect(figures[beans]?.held == 5 && figures[beans]?.reserved == 5)
            #expect(figures[mugs]?.held == 5 && figures[mugs]?.reserved == 5)

            try await fixture.confirmed(confirmed)
            figures = try await reservedAndHeld(client)
            #expect(figures[beans]?.held == 2 && figures[beans]?.reserved == 2)
            #expect(figures[mugs]?.held == 4 && figures[mugs]?.reserved == 4)

            try await fixture.cancelled(cancelled)
            #expect(try await fixture.sweep() == 1)
            figures = try await reservedAndHeld(client)
            #expect(figures[beans]?.held == 0 && figures[beans]?.reserved == 0)
            #expect(figures[mugs]?.held == 0 && figures[mugs]?.reserved == 0)
            #expect(try await fixture.state(lapsing) == .expired)
        }
    }

    @Test func badLimitsAndCursorsAreRefused() async throws {
        try await CatalogTestApp.run { client in
            expectProblem(try await client.send(.get, "/internal/v1/audit/stock?limit=0", as: Self.checker), .unprocessableContent)
            expectProblem(try await client.send(.get, "/internal/v1/audit/reservations?limit=5001", as: Self.checker), .unprocessableContent)
            expectProblem(try await client.send(.get, "/internal/v1/audit/stock?cursor=forged", as: Self.checker), .badRequest)
            expectProblem(try await client.send(.get, "/internal/v1/audit/reservations?cursor=%7B%7D", as: Self.checker), .badRequest)
        }
    }

    @Test(arguments: ["/internal/v1/audit/stock", "/internal/v1/audit/reservations", "/internal/v1/audit/outbox",
                      "/internal/v1/audit/outbox/events", "/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"])
    func onlyAuditTokensGetIn(path: String) async throws {
        try await CatalogTestApp.run { client in
            expectProblem(try await client.send(.get, path), .unauthorized)
            expectProblem(try await client.send(.get, path, as: .staff), .forbidden)
            expectProblem(try await client.send(.get, path, as: .service(scope: "pricing")), .forbidden)
            // A token addressed to another service is not valid here at all.
            expectProblem(try await client.send(.get, path, as: .service(scope: "audit", audience: "orders")), .unauthorized)
            #expect(try await client.send(.get, path, as: Self.checker).status == .ok)
        }
    }
}

extension CatalogClient {
    /// Every page of the audit list `path` at `limit` items a page as `caller`, following `next_cursor` (at most 10).
    func auditPages(_ path: String, limit: Int, as caller: Caller) async throws -> [[JSONValue]] {
        var pages: [[JSONValue]] = []
        var cursor: String?
        repeat {
            let query = "?limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try await send(.get, path + query, as: caller)
            #expect(response.status == .ok, "\(response.text)")
            pages.append(response.body["items"]?.array ?? [])
            cursor = response.body["next_cursor"]?.string
        } while cursor != nil && pages.count < 10
        return pages
    }
}

import Foundation
import MercatoCore
import Testing
@testable import CatalogService

/// `GET /internal/v1/audit/outbox/events`, `/internal/v1/audit/inbox` and `/internal/v1/audit/inbox/events` for
/// `mercato check`'s `events-delivered` (Messaging's routes, as catalog registers them).
@Suite struct EventAuditHTTPTests {
    static let checker = Caller.service(scope: "audit")

    /// Every item of every page of `path` at `limit` a page, and the page sizes.
    func allPages(_ client: CatalogClient, _ path: String, limit: Int) async throws -> (items: [JSONValue], sizes: [Int]) {
        let pages = try await client.auditPages(path, limit: limit, as: Self.checker)
        return (pages.flatMap { $0 }, pages.map(\.count))
    }

    /// Sent rows are listed oldest first across pages; unsent ones are not.
    @Test func sentEventsArePagedInOutboxOrderWithoutTheUnsentOnes() async throws {
        try await CatalogTestApp.runWithPool { client, database in
            let fixture = ReservationFixture(database: database)
            let product = try await fixture.product(onHand: 10)
            for _ in 0..<3 { try await fixture.created(UUID(), [(product, 1)]) }
            try await database.query("UPDATE outbox SET sent_at = now() WHERE seq < (SELECT max(seq) FROM outbox)")
            let expected = try await database.query("SELECT event_id, event_type FROM outbox WHERE sent_at IS NOT NULL ORDER BY seq")
                .map { try $0.decode((UUID, String).self) }
            let unsent = try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL")
            #expect(try unsent[0].decode(Int.self) == 1)
            #expect(expected.count >= 4, "product-created, stock-updated and at least two of the three stock-reserved")

            let (items, sizes) = try await allPages(client, "/internal/v1/audit/outbox/events", limit: 3)
            #expect(sizes == Array(repeating: 3, count: expected.count / 3) + (expected.count % 3 == 0 ? [] : [expected.count % 3]))
            #expect(items.compactMap { $0["event_id"]?.string?.lowercased() } == expected.map { $0.0.uuidString.lowercased() })
            #expect(items.compactMap { $0["event_type"]?.string } == expected.map(\.1))
            #expect(items.allSatisfy { $0["sent_at"]?.string != nil })
        }
    }

    /// The summary names the types catalog's handlers bind and the inbox's size; the events are paged by id.
    @Test func inboxListsHandledEventsAndTheBoundTypes() async throws {
        try await CatalogTestApp.runWithPool { client, database in
            let empty = try await client.send(.get, "/internal/v1/audit/inbox", as: Self.checker)
            #expect(empty.status == .ok, "\(empty.text)")
            #expect(empty.body["received"]?.int == 0 && empty.body["oldest_received_at"] == nil, "\(empty.text)")
            let bound = CatalogService.eventHandlers(config: catalogConfig()).eventTypes
            #expect(empty.body["event_types"]?.array?.compactMap(\.string) == bound)
            #expect(bound.contains("mercato.orders.order-created.v1"))

            let fixture = ReservationFixture(database: database)
            let product = try await fixture.product(onHand: 10)
            let (orders, ids) = ([UUID(), UUID(), UUID()], [UUID(), UUID(), UUID()])
            for (order, id) in zip(orders, ids) { try await fixture.created(order, [(product, 1)], id: id) }
            let summary = try await client.send(.get, "/internal/v1/audit/inbox", as: Self.checker)
            #expect(summary.body["consumer"]?.string == "catalog")
            #expect(summary.body["received"]?.int == 3 && summary.body["oldest_received_at"]?.string != nil, "\(summary.text)")

            let (items, sizes) = try await allPages(client, "/internal/v1/audit/inbox/events", limit: 2)
            #expect(sizes == [2, 1])
            #expect(items.compactMap { $0["event_id"]?.string?.lowercased() } == ids.map { $0.uuidString.lowercased() }.sorted())
            #expect(items.allSatisfy { $0["event_type"]?.string == "mercato.orders.order-created.v1" && $0["received_at"]?.string != nil })
        }
    }

    @Test func badLimitsAndCursorsAreRefused() async throws {
        try await CatalogTestApp.run { client in
            for path in ["/internal/v1/audit/outbox/events", "/internal/v1/audit/inbox/events"] {
                expectProblem(try await client.send(.get, path + "?limit=0", as: Self.checker), .unprocessableContent)
                expectProblem(try await client.send(.get, path + "?cursor=forged", as: Self.checker), .badRequest)
            }
        }
    }
}

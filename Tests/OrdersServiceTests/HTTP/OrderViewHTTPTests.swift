import Contracts
import Foundation
import HummingbirdTesting
import MercatoCore
import Testing
@testable import OrdersService

/// A page of orders as a client decodes it.
struct OrderListPage: Decodable {
    var items: [OrderBody]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }
}

/// Tier: HTTP against real PostgreSQL. Listing and reading orders.
@Suite struct OrderViewHTTPTests {
    @Test func customersSeeTheirOwnOrdersPagedAndFiltered() async throws {
        try await OrdersTestApp.run { app in
            let ada = UUID()
            let bob = UUID()
            var mine: [UUID] = []
            for _ in 0..<3 { mine.append(try await app.database.storeOrder(customer: ada).id) }
            let cancelled = try await app.database.storeOrder(customer: ada)
            try await app.send(.post, "/api/v1/orders/\(cancelled.id)/cancel", as: .customer(ada))
            try await app.database.storeOrder(customer: bob)

            let first = try await app.send(.get, "/api/v1/orders?limit=3", as: .customer(ada)).decoded(OrderListPage.self)
            #expect(first.items.count == 3 && first.items.allSatisfy { $0.customerID == ada })
            let cursor = try #require(first.nextCursor)
            let second = try await app.send(.get, "/api/v1/orders?limit=3&cursor=\(cursor)", as: .customer(ada)).decoded(OrderListPage.self)
            #expect(second.items.count == 1 && second.nextCursor == nil)
            #expect(Set((first.items + second.items).map(\.id)) == Set(mine + [cancelled.id]))
            #expect(first.items.allSatisfy { $0.lines.count == 1 && $0.statusHistory == nil })

            let filtered = try await app.send(.get, "/api/v1/orders?status=CANCELLED", as: .customer(ada)).decoded(OrderListPage.self)
            #expect(filtered.items.map(\.id) == [cancelled.id])
            try await app.send(.get, "/api/v1/orders?customer=\(bob)", as: .customer(ada)).expectProblem(.forbidden)
            try await app.send(.get, "/api/v1/orders?limit=101", as: .customer(ada)).expectProblem(.unprocessableContent)
            try await app.send(.get, "/api/v1/orders?cursor=garbage!", as: .customer(ada)).expectProblem(.badRequest)
            try await app.send(.get, "/api/v1/orders").expectProblem(.unauthorized)
        }
    }

    @Test func staffSeeEveryOrderOrOneCustomers() async throws {
        try await OrdersTestApp.run { app in
            let ada = UUID()
            try await app.database.storeOrder(customer: ada)
            try await app.database.storeOrder(customer: UUID())
            let all = try await app.send(.get, "/api/v1/orders", as: .staff(UUID())).decoded(OrderListPage.self)
            #expect(all.items.count == 2)
            let adas = try await app.send(.get, "/api/v1/orders?customer=\(ada)", as: .staff(UUID())).decoded(OrderListPage.self)
            #expect(adas.items.map(\.customerID) == [ada])
        }
    }

    @Test func oneOrderWithItsHistoryForItsOwnerOrStaffOnly() async throws {
        try await OrdersTestApp.run { app in
            let ada = UUID()
            let order = try await app.database.storeOrder(customer: ada)
            let shown = try await app.send(.get, "/api/v1/orders/\(order.id)", as: .customer(ada))
            #expect(shown.status == .ok)
            let body = try shown.decoded(OrderBody.self)
            #expect(body.statusHistory?.map(\.to) == [.pending] && body.statusHistory?.first?.from == nil)
            #expect(body.total.amount == 2500 && body.lines.first?.name == "Beans")
            #expect(try await app.send(.get, "/api/v1/orders/\(order.id)", as: .staff(UUID())).status == .ok)
            try await app.send(.get, "/api/v1/orders/\(order.id)", as: .customer(UUID())).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/orders/\(UUID())", as: .customer(ada)).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/orders/not-a-uuid", as: .customer(ada)).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/orders/\(order.id)").expectProblem(.unauthorized)
        }
    }
}

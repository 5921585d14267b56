import Contracts
import Foundation
import HummingbirdTesting
import MercatoCore
import Testing
@testable import OrdersService

/// Tier: HTTP against real PostgreSQL. The internal audit endpoints for `mercato check`.
@Suite struct AuditHTTPTests {
    @Test func ordersArePagedByIdWithStuckOnesMarked() async throws {
        try await OrdersTestApp.run(values: ["orders.sagaTimeout": 60]) { app in
            let stuck = try await app.database.storeOrder()
            try await app.database.query("UPDATE orders SET updated_at = now() - interval '5 minutes' WHERE id = \(stuck.id)")
            let fresh = try await app.database.storeOrder()
            let old = try await app.database.storeOrder(status: .confirmed)
            try await app.database.query("UPDATE orders SET updated_at = now() - interval '5 minutes' WHERE id = \(old.id)")
            let auditor = TestCaller.service(audience: "orders", scope: "audit")

            var seen: [OrderAudit] = []
            var cursor: String?
            repeat {
                let query = "/internal/v1/audit/orders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await app.send(.get, query, as: auditor)
                #expect(response.status == .ok)
                let page = try response.decoded(AuditPage<OrderAudit>.self)
                seen += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.map(\.orderID) == [stuck.id, fresh.id, old.id].sorted { $0.uuidString < $1.uuidString })
            #expect(seen.filter(\.stuck).map(\.orderID) == [stuck.id], "only non-terminal orders past the timeout are stuck")
            #expect(seen.allSatisfy { $0.total == EventMoney(amount: 2500, currency: "EUR") })
        }
    }

    @Test func onlyAuditServiceTokensForOrdersGetIn() async throws {
        try await OrdersTestApp.run { app in
            for path in ["/internal/v1/audit/orders", "/internal/v1/audit/outbox", "/internal/v1/audit/outbox/events",
                         "/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"] {
                try await app.send(.get, path).expectProblem(.unauthorized)
                try await app.send(.get, path, as: .staff(UUID())).expectProblem(.forbidden)
                // A token addressed to another service does not verify here at all.
                try await app.send(.get, path, as: .service(audience: "catalog", scope: "audit")).expectProblem(.unauthorized)
                try await app.send(.get, path, as: .service(audience: "orders", scope: "pricing")).expectProblem(.forbidden)
                #expect(try await app.send(.get, path, as: .service(audience: "orders", scope: "audit")).status == .ok)
            }
            try await app.send(.get, "/internal/v1/audit/orders?limit=0", as: .service(audience: "orders", scope: "audit"))
                .expectProblem(.unprocessableContent)
        }
    }

    /// The inbox names the types orders' saga handlers bind (catalog's and payments' replies).
    @Test func inboxNamesTheSagaReplies() async throws {
        try await OrdersTestApp.run { app in
            let response = try await app.send(.get, "/internal/v1/audit/inbox", as: .service(audience: "orders", scope: "audit"))
            let inbox = try response.decoded(InboxAudit.self)
            #expect(inbox.consumer == "orders" && inbox.received == 0 && inbox.oldestReceivedAt == nil)
            #expect(inbox.eventTypes == OrdersService.eventHandlers().eventTypes)
            #expect(inbox.eventTypes.contains(PaymentSucceeded.eventType) && inbox.eventTypes.contains(StockReserved.eventType))
        }
    }
}

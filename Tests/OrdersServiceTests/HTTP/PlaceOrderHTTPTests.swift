import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import MercatoCore
import Testing
@testable import OrdersService

/// Tier: HTTP against real PostgreSQL and a stand-in catalog. `POST /api/v1/orders`.
@Suite struct PlaceOrderHTTPTests {
    @Test func anOrderIsPricedByCatalogAndStoredPendingWithItsEvent() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(sku: "BEAN-1", name: "Beans", amount: 1250)
        let mug = catalog.add(sku: "MUG-1", name: "Mug", amount: 800)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = UUID()
            let response = try await app.place(OrderJSON.order([(beans, 2), (mug, 1)]), as: .customer(customer))
            #expect(response.status == .created, "\(String(buffer: response.body))")
            let order = try response.decoded(OrderBody.self)
            #expect(response.headers[.location] == "/api/v1/orders/\(order.id.uuidString.lowercased())")
            #expect(order.status == .pending && order.customerID == customer)
            #expect(order.total == EventMoney(amount: 3300, currency: "EUR"))
            #expect(order.lines.map(\.sku) == ["BEAN-1", "MUG-1"] && order.lines.map(\.lineTotal.amount) == [2500, 800])
            #expect(order.shippingAddress.country == "DE")
            #expect(!String(buffer: response.body).contains("tok_visa"), "the card token is never returned")

            #expect(try await app.database.historyText(order.id) == ["-→PENDING"])
            let created = try #require(try await app.database.outboxPayload(OrderCreated.self, subject: order.id))
            #expect(created.customerID == customer && created.total.amount == 3300 && created.lines.map(\.quantity) == [2, 1])
            #expect(try await app.database.outboxEvents().map(\.name) == ["order-created"])
        }
    }

    @Test func theSameKeyAndBodyReplayTheFirstResponse() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = UUID()
            let first = try await app.place(OrderJSON.order([(beans, 1)]), as: .customer(customer), key: "checkout-1")
            #expect(first.status == .created)
            #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            // The same request formatted differently is the same request.
            let again = try await app.place(OrderJSON.order([(beans, 1)]).replacingOccurrences(of: "\n", with: " "),
                                            as: .customer(customer), key: "checkout-1")
            #expect(again.status == .created)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(String(buffer: again.body) == String(buffer: first.body))
            #expect(again.headers[.location] == first.headers[.location])
            #expect(catalog.calls == 1, "a replay asks catalog nothing")
            #expect(try await app.database.query("SELECT count(*)::int FROM orders").first?.decode(Int.self) == 1)

            // Another customer's key of the same name is theirs alone.
            #expect(try await app.place(OrderJSON.order([(beans, 1)]), as: .customer(UUID()), key: "checkout-1").status == .created)
        }
    }

    @Test func theSameKeyWithAnotherBodyIsRefused() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = UUID()
            #expect(try await app.place(OrderJSON.order([(beans, 1)]), as: .customer(customer), key: "k").status == .created)
            let problem = try await app.place(OrderJSON.order([(beans, 2)]), as: .customer(customer), key: "k").expectProblem(.unprocessableContent)
            #expect(problem.type == "/problems/idempotency-key-reused")
            #expect(try await app.database.query("SELECT count(*)::int FROM orders").first?.decode(Int.self) == 1)
        }
    }

    @Test func aDuplicateWhileTheFirstIsInFlightConflicts() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        catalog.set(.holding)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = UUID()
            let body = OrderJSON.order([(beans, 1)])
            async let first = app.place(body, as: .customer(customer), key: "slow")
            await catalog.arrived.wait()
            try await app.place(body, as: .customer(customer), key: "slow").expectProblem(.conflict)
            catalog.release.open()
            #expect(try await first.status == .created)
            let replay = try await app.place(body, as: .customer(customer), key: "slow")
            #expect(replay.status == .created && replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
        }
    }

    @Test func theIdempotencyKeyIsRequiredAndChecked() async throws {
        try await OrdersTestApp.run { app in
            let body = OrderJSON.order([(UUID(), 1)])
            try await app.place(body, as: .customer(UUID()), key: nil).expectProblem(.badRequest)
            try await app.place(body, as: .customer(UUID()), key: "with space").expectProblem(.badRequest)
            try await app.place(body, as: .customer(UUID()), key: String(repeating: "k", count: 256)).expectProblem(.badRequest)
            #expect(app.catalog.calls == 0)
        }
    }

    @Test func malformedOversizedAndUnauthenticatedRequestsAreRefused() async throws {
        try await OrdersTestApp.run(bodyLimit: 2048) { app in
            let customer = TestCaller.customer(UUID())
            try await app.place("{\"items\": [", as: customer).expectProblem(.badRequest)
            try await app.place(String(repeating: " ", count: 4096) + "{}", as: customer).expectProblem(.contentTooLarge)
            try await app.send(.post, "/api/v1/orders", as: customer, json: "{}", contentType: "text/plain", idempotencyKey: "k")
                .expectProblem(.unsupportedMediaType)
            let unauthenticated = try await app.place(OrderJSON.order([(UUID(), 1)]), as: .anonymous)
            try unauthenticated.expectProblem(.unauthorized)
            try await app.place(OrderJSON.order([(UUID(), 1)]), as: .service(audience: "orders", scope: "audit")).expectProblem(.forbidden)
            #expect(try await app.database.outboxEvents().isEmpty)
        }
    }

    @Test func invalidOrdersAreRefusedWithFieldErrors() async throws {
        try await OrdersTestApp.run { app in
            let customer = TestCaller.customer(UUID())
            let problem = try await app.place(OrderJSON.order([(UUID(), 0)], token: "", country: "XX"), as: customer)
                .expectProblem(.unprocessableContent)
            #expect(problem.errors?.map(\.field) == ["items[0].quantity", "shipping_address.country", "payment.token"])
            let missing = try await app.place(#"{"items":[]}"#, as: customer).expectProblem(.unprocessableContent)
            #expect(missing.errors?.map(\.field) == ["shipping_address"])
            #expect(app.catalog.calls == 0)
        }
    }

    @Test func unknownProductsAreCatalogsFieldErrorsAndTheKeyStaysUsable() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = TestCaller.customer(UUID())
            let ghost = UUID()
            let problem = try await app.place(OrderJSON.order([(beans, 1), (ghost, 1)]), as: customer, key: "k1")
                .expectProblem(.unprocessableContent)
            #expect(problem.errors?.map(\.field) == ["items[1].product_id"])
            catalog.add(ghost, amount: 100)
            #expect(try await app.place(OrderJSON.order([(beans, 1), (ghost, 1)]), as: customer, key: "k1").status == .created)
        }
    }

    @Test func aFailingCatalogIs503AndStoresNothing() async throws {
        let catalog = CatalogStub()
        let beans = catalog.add(amount: 500)
        catalog.set(.failing)
        try await OrdersTestApp.run(catalog: catalog) { app in
            let customer = TestCaller.customer(UUID())
            let response = try await app.place(OrderJSON.order([(beans, 1)]), as: customer, key: "retry-me")
            try response.expectProblem(.serviceUnavailable)
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(catalog.calls == 3, "quoting is retried (maxAttempts 3)")
            #expect(try await app.database.query("SELECT count(*)::int FROM orders").first?.decode(Int.self) == 0)
            #expect(try await app.database.query("SELECT count(*)::int FROM idempotency_keys").first?.decode(Int.self) == 0)
            #expect(try await app.database.outboxEvents().isEmpty)

            catalog.set(.pricing)
            #expect(try await app.place(OrderJSON.order([(beans, 1)]), as: customer, key: "retry-me").status == .created)
        }
    }

    @Test func anUnreachableCatalogIs503() async throws {
        try await OrdersTestApp.run(reachable: false, values: ["resilience.catalog.maxAttempts": 1]) { app in
            let response = try await app.place(OrderJSON.order([(UUID(), 1)]), as: .customer(UUID()))
            try response.expectProblem(.serviceUnavailable)
            #expect(response.headers[.retryAfter] != nil)
            #expect(try await app.database.query("SELECT count(*)::int FROM orders").first?.decode(Int.self) == 0)
        }
    }
}

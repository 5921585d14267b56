import Foundation
import MercatoCore
import Testing
@testable import CatalogService

/// `POST /internal/v1/pricing/quote`: service tokens with scope `pricing` only.
@Suite struct PricingHTTPTests {
    static let path = "/internal/v1/pricing/quote"
    static let orders = Caller.service(scope: "pricing")

    func items(_ lines: [(String, Int)]) -> String {
        #"{"items":[\#(lines.map { #"{"product_id":"\#($0.0)","quantity":\#($0.1)}"# }.joined(separator: ","))]}"#
    }

    @Test func activeProductsArePricedAtTheirCurrentPrice() async throws {
        try await CatalogTestApp.run { client in
            let beans = try #require(try await client.createProduct(sku: "Q-1", amount: 1299)["id"]?.string)
            let cups = try #require(try await client.createProduct(sku: "Q-2", amount: 450)["id"]?.string)
            #expect(try await client.send(.put, "/api/v1/products/\(cups)/price", as: .staff, json: #"{"amount":500,"currency":"EUR"}"#).status == .ok)

            let response = try await client.send(.post, Self.path, as: Self.orders, json: items([(beans, 2), (cups, 3), (beans, 1)]))
            #expect(response.status == .ok, "\(response.text)")
            let lines = try #require(response.body["lines"]?.array)
            #expect(lines.map { $0["product_id"]?.string?.lowercased() } == [beans, cups, beans])
            #expect(lines.map { $0["line_total"]?["amount"]?.int } == [2598, 1500, 1299])
            #expect(lines[1]["unit_price"]?["amount"]?.int == 500)
            #expect(lines[0]["sku"]?.string == "Q-1" && lines[0]["name"]?.string == "Q-1")
            #expect(response.body["total"]?["amount"]?.int == 5397)
            #expect(response.body["total"]?["currency"]?.string == "EUR")
        }
    }

    @Test func unknownInactiveAndOtherCurrencyLinesAreNamed() async throws {
        try await CatalogTestApp.run { client in
            let beans = try #require(try await client.createProduct(sku: "Q-1")["id"]?.string)
            let draft = try #require(try await client.createProduct(sku: "Q-2", status: "draft")["id"]?.string)
            let dollars = try #require(try await client.send(.post, "/api/v1/products", as: .staff, json: """
                {"sku":"Q-3","name":"Q-3","status":"active","price":{"amount":100,"currency":"USD"}}
                """).body["id"]?.string)
            let unknown = UUID().uuidString.lowercased()
            let response = try await client.send(.post, Self.path, as: Self.orders,
                                                 json: items([(beans, 1), (unknown, 1), (draft, 1), (dollars, 1)]))
            expectProblem(response, .unprocessableContent)
            #expect(response.body.errorFields == ["items[1].product_id", "items[2].product_id", "items[3].product_id"])
            #expect(!response.text.contains("SELECT"))
        }
    }

    @Test func itemCountsAndQuantitiesAreBounded() async throws {
        try await CatalogTestApp.run { client in
            let beans = try #require(try await client.createProduct(sku: "Q-1")["id"]?.string)
            expectProblem(try await client.send(.post, Self.path, as: Self.orders, json: #"{"items":[]}"#), .unprocessableContent)
            let many = try await client.send(.post, Self.path, as: Self.orders, json: items(Array(repeating: (beans, 1), count: 51)))
            expectProblem(many, .unprocessableContent)
            #expect(many.body.errorFields == ["items"])
            let quantities = try await client.send(.post, Self.path, as: Self.orders, json: items([(beans, 0), (beans, 1000), (beans, 999)]))
            expectProblem(quantities, .unprocessableContent)
            #expect(quantities.body.errorFields == ["items[0].quantity", "items[1].quantity"])
            expectProblem(try await client.send(.post, Self.path, as: Self.orders, json: #"{"items":[{"product_id":"nope","quantity":1}]}"#),
                          .unprocessableContent)
        }
    }

    @Test func malformedOversizedAndWrongMediaTypeAreRefused() async throws {
        try await CatalogTestApp.run(bodyLimit: 4096) { client in
            expectProblem(try await client.send(.post, Self.path, as: Self.orders, json: #"{"items":["#), .badRequest)
            let big = items(Array(repeating: (UUID().uuidString.lowercased(), 1), count: 200))
            expectProblem(try await client.send(.post, Self.path, as: Self.orders, json: big), .contentTooLarge)
            expectProblem(try await client.send(.post, Self.path, as: Self.orders, json: "items", contentType: "text/plain"), .unsupportedMediaType)
        }
    }

    @Test func onlyOrdersServiceTokensWithThePricingScopeGetIn() async throws {
        try await CatalogTestApp.run { client in
            let body = items([(UUID().uuidString.lowercased(), 1)])
            expectProblem(try await client.send(.post, Self.path, json: body), .unauthorized)
            expectProblem(try await client.send(.post, Self.path, as: .admin, json: body), .forbidden)
            expectProblem(try await client.send(.post, Self.path, as: .service(scope: "audit"), json: body), .forbidden)
            expectProblem(try await client.send(.post, Self.path, as: .service(scope: "pricing", audience: "payments"), json: body), .unauthorized)
            expectProblem(try await client.send(.post, Self.path, as: .admin, json: "{"), .forbidden)
        }
    }
}

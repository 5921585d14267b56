import Foundation
import Testing

@Suite struct PriceAndInventoryHTTPTests {
    @Test func priceChangesAreRecorded() async throws {
        try await CatalogTestApp.run { client in
            let id = try #require(try await client.createProduct(sku: "P-1", amount: 1000)["id"]?.string)
            let uri = "/api/v1/products/\(id)/price"
            expectProblem(try await client.send(.put, uri, json: #"{"amount":1,"currency":"EUR"}"#), .unauthorized)
            expectProblem(try await client.send(.put, uri, as: .customer, json: #"{"amount":1,"currency":"EUR"}"#), .forbidden)
            expectProblem(try await client.send(.put, uri, as: .staff, json: "{"), .badRequest)
            expectProblem(try await client.send(.put, uri, as: .staff, json: #"{"amount":1,"currency":"EUR"}"#, contentType: "text/plain"), .unsupportedMediaType)
            let invalid = try await client.send(.put, uri, as: .staff, json: #"{"amount":-5,"currency":"Euro"}"#)
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.body.errorFields == ["amount", "currency"])
            expectProblem(try await client.send(.put, uri, as: .staff, json: #"{"amount":5}"#), .unprocessableContent)
            expectProblem(try await client.send(.put, uri, as: .staff, json: #"{"amount":1,"currency":"EUR"}"#, headers: [.ifMatch: "\"3\""]),
                          .preconditionFailed)
            expectProblem(try await client.send(.put, "/api/v1/products/\(UUID())/price", as: .staff, json: #"{"amount":1,"currency":"EUR"}"#), .notFound)

            let first = try await client.send(.put, uri, as: .staff, json: #"{"amount":1200,"currency":"EUR"}"#, headers: [.ifMatch: "\"1\""])
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.headers[.eTag] == "\"2\"")
            #expect(first.body["price"]?["amount"]?.int == 1200)
            _ = try await client.send(.put, uri, as: .admin, json: #"{"amount":1100,"currency":"USD"}"#)
            let same = try await client.send(.put, uri, as: .admin, json: #"{"amount":1100,"currency":"USD"}"#)
            #expect(same.body["version"]?.int == 3)

            let page1 = try await client.send(.get, "/api/v1/products/\(id)/price-history?limit=1")
            #expect(page1.status == .ok)
            let newest = try #require(page1.body["items"]?.array?.first)
            #expect(newest["old_price"] == .object(["amount": .integer(1200), "currency": .string("EUR")]))
            #expect(newest["new_price"] == .object(["amount": .integer(1100), "currency": .string("USD")]))
            #expect(newest["changed_by"]?.string == "admin-1")
            let cursor = try #require(page1.body["next_cursor"]?.string)
            let page2 = try await client.send(.get, "/api/v1/products/\(id)/price-history?limit=1&cursor=\(cursor)")
            #expect(page2.body["items"]?.array?.first?["old_price"]?["amount"]?.int == 1000)
            #expect(page2.body["items"]?.array?.first?["changed_by"]?.string == "staff-1")
            #expect(page2.body["next_cursor"] == .null)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)/price-history?limit=0"), .unprocessableContent)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)/price-history?cursor=@@"), .badRequest)
            expectProblem(try await client.send(.get, "/api/v1/products/\(UUID())/price-history"), .notFound)
        }
    }

    @Test func adjustmentsKeepALedger() async throws {
        try await CatalogTestApp.run(bodyLimit: 256) { client in
            let id = try #require(try await client.createProduct(sku: "S-1")["id"]?.string)
            let uri = "/api/v1/products/\(id)/inventory"
            let empty = try await client.send(.get, uri)
            #expect(empty.body == .object(["on_hand": .integer(0), "reserved": .integer(0), "available": .integer(0)]))

            let adjust = uri + "/adjustments"
            expectProblem(try await client.send(.post, adjust, json: #"{"delta":5,"reason":"restock"}"#), .unauthorized)
            expectProblem(try await client.send(.post, adjust, as: .customer, json: #"{"delta":5,"reason":"restock"}"#), .forbidden)
            expectProblem(try await client.send(.post, adjust, as: .staff, json: "{]"), .badRequest)
            expectProblem(try await client.send(.post, adjust, as: .staff, json: #"{"delta":5,"reason":"restock"}"#, contentType: "text/plain"),
                          .unsupportedMediaType)
            expectProblem(try await client.send(.post, adjust, as: .staff, json: #"{"delta":5,"reason":"\#(String(repeating: "r", count: 300))"}"#),
                          .contentTooLarge)
            let invalid = try await client.send(.post, adjust, as: .staff, json: #"{"delta":0,"reason":"theft"}"#)
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.body.errorFields == ["delta", "reason"])
            expectProblem(try await client.send(.post, adjust, as: .staff, json: #"{"delta":-1,"reason":"damage"}"#), .conflict)
            expectProblem(try await client.send(.post, "/api/v1/products/\(UUID())/inventory/adjustments", as: .staff,
                                                json: #"{"delta":1,"reason":"restock"}"#), .notFound)

            let restock = try await client.send(.post, adjust, as: .staff, json: #"{"delta":5,"reason":"restock"}"#)
            #expect(restock.status == .created, "\(restock.text)")
            #expect(restock.body["movement"]?["on_hand_after"]?.int == 5)
            #expect(restock.body["movement"]?["actor"]?.string == "staff-1")
            #expect(restock.body["inventory"]?["available"]?.int == 5)
            _ = try await client.send(.post, adjust, as: .staff, json: #"{"delta":-2,"reason":"damage"}"#)
            #expect(try await client.send(.get, uri).body["on_hand"]?.int == 3)

            let page1 = try await client.send(.get, uri + "/movements?limit=1")
            #expect(page1.body["items"]?.array?.first?["delta"]?.int == -2)
            let cursor = try #require(page1.body["next_cursor"]?.string)
            let page2 = try await client.send(.get, uri + "/movements?limit=1&cursor=\(cursor)")
            #expect(page2.body["items"]?.array?.first?["reason"]?.string == "restock")
            #expect(page2.body["next_cursor"] == .null)
            expectProblem(try await client.send(.get, uri + "/movements?limit=500"), .unprocessableContent)
            expectProblem(try await client.send(.get, "/api/v1/products/\(UUID())/inventory/movements"), .notFound)
            expectProblem(try await client.send(.get, "/api/v1/products/\(UUID())/inventory"), .notFound)
        }
    }

    @Test func concurrentAdjustmentsNeverOversell() async throws {
        try await CatalogTestApp.run { client in
            let id = try #require(try await client.createProduct(sku: "HOT-1")["id"]?.string)
            let uri = "/api/v1/products/\(id)/inventory"
            _ = try await client.send(.post, uri + "/adjustments", as: .staff, json: #"{"delta":10,"reason":"restock"}"#)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        Int(try await client.send(.post, uri + "/adjustments", as: .staff, json: #"{"delta":-1,"reason":"correction"}"#).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 10)
            #expect(statuses.filter { $0 == 409 }.count == 10)
            #expect(try await client.send(.get, uri).body["on_hand"]?.int == 0)
            let ledger = try await client.send(.get, uri + "/movements?limit=100")
            let deltas = (ledger.body["items"]?.array ?? []).compactMap { $0["delta"]?.int }
            #expect(deltas.count == 11)
            #expect(deltas.reduce(0, +) == 0)
        }
    }
}

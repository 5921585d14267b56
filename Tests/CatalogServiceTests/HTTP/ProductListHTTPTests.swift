import Foundation
import Testing

@Suite struct ProductListHTTPTests {
    /// Follows `next_cursor` to the end and returns every SKU in order.
    func walk(_ client: CatalogClient, _ query: String, as caller: Caller = .anonymous) async throws -> [String] {
        var skus: [String] = []
        var uri = "/api/v1/products?\(query)"
        for _ in 0..<50 {
            let page = try await client.send(.get, uri, as: caller)
            #expect(page.status == .ok, "\(page.text)")
            skus += (page.body["items"]?.array ?? []).compactMap { $0["sku"]?.string }
            guard let cursor = page.body["next_cursor"]?.string else { return skus }
            uri = "/api/v1/products?\(query)&cursor=\(cursor)"
        }
        Issue.record("pagination did not end")
        return skus
    }

    @Test func filtersSortsAndPages() async throws {
        try await CatalogTestApp.run { client in
            let men = try await client.createCategory(slug: "men")
            let shoes = try await client.createCategory(slug: "shoes", parent: men)
            let boots = try await client.createCategory(slug: "boots", parent: shoes)
            let toys = try await client.createCategory(slug: "toys")
            try await client.createProduct(sku: "A-1", name: "Red running shoe", description: "Light and fast", amount: 5000, category: shoes)
            try await client.createProduct(sku: "A-2", name: "Leather boot", description: "Warm winter boots", amount: 9000, category: boots)
            try await client.createProduct(sku: "A-3", name: "Wooden train", description: "A red toy", amount: 2000, category: toys)
            try await client.createProduct(sku: "A-4", name: "Blue sandal", amount: 3000, category: men)
            try await client.createProduct(sku: "A-5", name: "Secret draft", status: "draft", amount: 100)
            try await client.createProduct(sku: "A-6", name: "Cheap sock", amount: 500)

            #expect(try await walk(client, "limit=2") == ["A-6", "A-4", "A-3", "A-2", "A-1"])
            #expect(try await walk(client, "sort=created_at&limit=2") == ["A-1", "A-2", "A-3", "A-4", "A-6"])
            #expect(try await walk(client, "sort=price&limit=2") == ["A-6", "A-3", "A-4", "A-1", "A-2"])
            #expect(try await walk(client, "sort=-price&limit=3") == ["A-2", "A-1", "A-4", "A-3", "A-6"])
            #expect(try await walk(client, "sort=name&limit=1") == ["A-4", "A-6", "A-2", "A-1", "A-3"])
            #expect(try await walk(client, "limit=100", as: .staff).count == 6)
            #expect(try await walk(client, "status=draft", as: .admin) == ["A-5"])
            #expect(try await walk(client, "status=active", as: .customer).count == 5)

            #expect(Set(try await walk(client, "category=\(men)")) == ["A-1", "A-2", "A-4"])
            #expect(try await walk(client, "category=\(shoes)&sort=price") == ["A-1", "A-2"])
            #expect(try await walk(client, "category=\(UUID())").isEmpty)
            #expect(try await walk(client, "min_price=2000&max_price=5000&sort=price") == ["A-3", "A-4", "A-1"])

            #expect(Set(try await walk(client, "q=red")) == ["A-1", "A-3"])
            #expect(try await walk(client, "q=boots") == ["A-2"])
            #expect(try await walk(client, "q=a-4") == ["A-4"])
            #expect(try await walk(client, "q=secret").isEmpty)
            #expect(try await walk(client, "q=secret", as: .staff) == ["A-5"])
            #expect(try await walk(client, "q=%22running%20shoe%22%20-boot") == ["A-1"])
            #expect(Set(try await walk(client, "q=red%20OR%20boot&sort=relevance&limit=1")) == ["A-1", "A-2", "A-3"])
        }
    }

    @Test func rejectsBadParameters() async throws {
        try await CatalogTestApp.run { client in
            for query in ["limit=101", "limit=0", "limit=abc", "sort=cheap", "sort=relevance", "min_price=-1", "status=sold", "category=x"] {
                expectProblem(try await client.send(.get, "/api/v1/products?\(query)"), .unprocessableContent)
            }
            expectProblem(try await client.send(.get, "/api/v1/products?cursor=nonsense"), .badRequest)
            let priceCursor = "/api/v1/products?sort=price&limit=1"
            try await client.createProduct(sku: "X-1")
            try await client.createProduct(sku: "X-2")
            let cursor = try #require(try await client.send(.get, priceCursor).body["next_cursor"]?.string)
            expectProblem(try await client.send(.get, "/api/v1/products?sort=name&cursor=\(cursor)"), .badRequest)
            expectProblem(try await client.send(.get, "/api/v1/products?status=draft"), .unauthorized)
            expectProblem(try await client.send(.get, "/api/v1/products?status=archived", as: .customer), .forbidden)
            let empty = try await client.send(.get, "/api/v1/products?q=nothing-matches-this")
            #expect(empty.body == .object(["items": .array([]), "next_cursor": .null]))
        }
    }
}

import Foundation
import Testing

@Suite struct ProductHTTPTests {
    static let body = #"{"sku":"MUG-1","name":"Mug","price":{"amount":1299,"currency":"EUR"}}"#

    @Test func createAndReadWithETags() async throws {
        try await CatalogTestApp.run { client in
            let category = try await client.createCategory(slug: "kitchen")
            let created = try await client.send(.post, "/api/v1/products", as: .staff, json: """
                {"sku":"MUG-1","name":"Mug","description":"A mug","category_id":"\(category)","status":"active",
                 "attributes":{"color":"red","capacity_ml":350,"tags":["a"]},"images":["https://cdn.example.com/mug.png"],
                 "price":{"amount":1299,"currency":"EUR"}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.body["id"]?.string)
            #expect(created.headers[.location] == "/api/v1/products/\(id)")
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(created.body["version"]?.int == 1)
            #expect(created.body["attributes"]?["capacity_ml"]?.int == 350)
            #expect(created.body["price"]?["amount"]?.int == 1299)
            #expect(created.body["category_id"]?.string == category)
            #expect(created.body["created_at"]?.string?.hasSuffix("Z") == true)

            let read = try await client.send(.get, "/api/v1/products/\(id)")
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(read.body == created.body)
            let notModified = try await client.send(.get, "/api/v1/products/\(id)", headers: [.ifNoneMatch: "\"1\""])
            #expect(notModified.status == .notModified)
            #expect(notModified.headers[.eTag] == "\"1\"")
            #expect(try await client.send(.get, "/api/v1/products/\(id)", headers: [.ifNoneMatch: "\"7\""]).status == .ok)
            expectProblem(try await client.send(.get, "/api/v1/products/\(UUID())"), .notFound)
            expectProblem(try await client.send(.get, "/api/v1/products/zzz"), .notFound)
        }
    }

    @Test func createRejectsBadRequests() async throws {
        try await CatalogTestApp.run(bodyLimit: 512) { client in
            expectProblem(try await client.send(.post, "/api/v1/products", json: Self.body), .unauthorized)
            expectProblem(try await client.send(.post, "/api/v1/products", as: .customer, json: Self.body), .forbidden)
            expectProblem(try await client.send(.post, "/api/v1/products", as: .staff, json: #"{"sku":"#), .badRequest)
            expectProblem(try await client.send(.post, "/api/v1/products", as: .staff, json: Self.body, contentType: "text/plain"), .unsupportedMediaType)
            expectProblem(try await client.send(.post, "/api/v1/products", as: .staff, json: Self.body, contentType: nil), .unsupportedMediaType)
            let huge = #"{"sku":"A","name":"\#(String(repeating: "x", count: 600))","price":{"amount":1,"currency":"EUR"}}"#
            expectProblem(try await client.send(.post, "/api/v1/products", as: .staff, json: huge), .contentTooLarge)
            let invalid = try await client.send(.post, "/api/v1/products", as: .staff, json: """
                {"sku":"bad sku","name":"X","images":["ftp://x"],"attributes":[1],"status":"sold","price":{"amount":-1,"currency":"eur"}}
                """)
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.body.errorFields == ["sku", "attributes", "images[0]", "status", "price.amount", "price.currency"])
            let mistyped = try await client.send(.post, "/api/v1/products", as: .staff, json: #"{"sku":"A","name":"X","price":{"amount":1.5,"currency":"EUR"}}"#)
            expectProblem(mistyped, .unprocessableContent)
            #expect(mistyped.body.errorFields == ["price.amount"])
            let unknownCategory = try await client.send(.post, "/api/v1/products", as: .staff,
                                                        json: #"{"sku":"A","name":"X","category_id":"\#(UUID())","price":{"amount":1,"currency":"EUR"}}"#)
            expectProblem(unknownCategory, .unprocessableContent)
            #expect(unknownCategory.body.errorFields == ["category_id"])
            #expect(try await client.send(.post, "/api/v1/products", as: .staff, json: Self.body).status == .created)
            expectProblem(try await client.send(.post, "/api/v1/products", as: .staff, json: Self.body), .conflict)
        }
    }

    @Test func draftsAreHiddenFromThePublic() async throws {
        try await CatalogTestApp.run { client in
            let draft = try await client.createProduct(sku: "D-1", status: "draft")
            let id = try #require(draft["id"]?.string)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)"), .notFound)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)", as: .customer), .notFound)
            #expect(try await client.send(.get, "/api/v1/products/\(id)", as: .staff).status == .ok)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)/inventory"), .notFound)
            expectProblem(try await client.send(.get, "/api/v1/products/\(id)/price-history"), .notFound)
        }
    }

    @Test func patchNeedsIfMatchAndMergesJSONFields() async throws {
        try await CatalogTestApp.run { client in
            let product = try await client.send(.post, "/api/v1/products", as: .staff, json: """
                {"sku":"TEE-1","name":"Tee","attributes":{"color":"red","size":"M"},"images":["https://a.io/1.png"],
                 "price":{"amount":1500,"currency":"EUR"}}
                """).body
            let id = try #require(product["id"]?.string)
            let uri = "/api/v1/products/\(id)"
            let patch = #"{"name":"T-shirt","attributes":{"color":null,"fit":"slim"},"images":[],"status":"active"}"#

            expectProblem(try await client.send(.patch, uri, json: patch), .unauthorized)
            expectProblem(try await client.send(.patch, uri, as: .customer, json: patch, headers: [.ifMatch: "\"1\""]), .forbidden)
            expectProblem(try await client.send(.patch, uri, as: .staff, json: patch), .preconditionRequired)
            expectProblem(try await client.send(.patch, uri, as: .staff, json: patch, headers: [.ifMatch: "\"9\""]), .preconditionFailed)
            expectProblem(try await client.send(.patch, uri, as: .staff, json: "{", headers: [.ifMatch: "\"1\""]), .badRequest)
            expectProblem(try await client.send(.patch, uri, as: .staff, json: patch, contentType: "text/plain", headers: [.ifMatch: "\"1\""]),
                          .unsupportedMediaType)
            let invalid = try await client.send(.patch, uri, as: .staff, json: #"{"status":"gone","version":4}"#, headers: [.ifMatch: "\"1\""])
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.body.errorFields == ["version"])
            expectProblem(try await client.send(.patch, uri, as: .staff, json: #"{"price":{"currency":"xx"}}"#, headers: [.ifMatch: "\"1\""]),
                          .unprocessableContent)
            expectProblem(try await client.send(.patch, "/api/v1/products/\(UUID())", as: .staff, json: patch, headers: [.ifMatch: "\"1\""]), .notFound)

            let patched = try await client.send(.patch, uri, as: .staff, json: patch, contentType: "application/merge-patch+json",
                                                headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.headers[.eTag] == "\"2\"")
            #expect(patched.body["version"]?.int == 2)
            #expect(patched.body["name"]?.string == "T-shirt")
            #expect(patched.body["attributes"] == .object(["size": .string("M"), "fit": .string("slim")]))
            #expect(patched.body["images"] == .array([]))
            #expect(patched.body["sku"]?.string == "TEE-1")
            expectProblem(try await client.send(.patch, uri, as: .staff, json: patch, headers: [.ifMatch: "\"1\""]), .preconditionFailed)

            try await client.createProduct(sku: "TAKEN")
            expectProblem(try await client.send(.patch, uri, as: .staff, json: #"{"sku":"TAKEN"}"#, headers: [.ifMatch: "\"2\""]), .conflict)
            let noChange = try await client.send(.patch, uri, as: .admin, json: "{}", headers: [.ifMatch: "*"])
            #expect(noChange.body["version"]?.int == 2)
        }
    }

    @Test func deleteArchives() async throws {
        try await CatalogTestApp.run { client in
            let id = try #require(try await client.createProduct(sku: "OLD-1")["id"]?.string)
            let uri = "/api/v1/products/\(id)"
            expectProblem(try await client.send(.delete, uri), .unauthorized)
            expectProblem(try await client.send(.delete, uri, as: .customer), .forbidden)
            expectProblem(try await client.send(.delete, uri, as: .staff, headers: [.ifMatch: "\"5\""]), .preconditionFailed)
            expectProblem(try await client.send(.delete, "/api/v1/products/\(UUID())", as: .staff), .notFound)
            #expect(try await client.send(.delete, uri, as: .staff).status == .noContent)
            #expect(try await client.send(.delete, uri, as: .staff).status == .noContent)
            expectProblem(try await client.send(.get, uri), .notFound)
            let archived = try await client.send(.get, uri, as: .staff)
            #expect(archived.body["status"]?.string == "archived")
            #expect(archived.body["version"]?.int == 2)
        }
    }
}

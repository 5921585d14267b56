import Foundation
import Testing

@Suite struct CategoryHTTPTests {
    @Test func createReadAndTree() async throws {
        try await CatalogTestApp.run { client in
            let men = try await client.createCategory(slug: "men")
            let shoes = try await client.createCategory(slug: "shoes", parent: men)
            let boots = try await client.createCategory(slug: "boots", parent: shoes)
            _ = try await client.createCategory(slug: "accessories")

            let created = try await client.send(.post, "/api/v1/categories", as: .admin, json: #"{"slug":"kids","name":"Kids"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/categories/\(created.body["id"]?.string ?? "")")
            #expect(created.body["parent_id"] == .null)

            let tree = try await client.send(.get, "/api/v1/categories")
            #expect(tree.status == .ok)
            let roots = tree.body["items"]?.array ?? []
            #expect(roots.compactMap { $0["slug"]?.string } == ["accessories", "kids", "men"])
            let menNode = roots[2]
            #expect(menNode["children"]?.array?.first?["slug"]?.string == "shoes")
            #expect(menNode["children"]?.array?.first?["children"]?.array?.first?["id"]?.string == boots)

            let one = try await client.send(.get, "/api/v1/categories/\(shoes)")
            #expect(one.status == .ok)
            #expect(one.body["parent_id"]?.string == men)
            #expect(one.body["children"]?.array?.count == 1)

            expectProblem(try await client.send(.get, "/api/v1/categories/\(UUID())"), .notFound)
            expectProblem(try await client.send(.get, "/api/v1/categories/not-a-uuid"), .notFound)
        }
    }

    @Test func createRejectsBadRequests() async throws {
        try await CatalogTestApp.run(bodyLimit: 256) { client in
            let body = #"{"slug":"men","name":"Men"}"#
            expectProblem(try await client.send(.post, "/api/v1/categories", json: body), .unauthorized)
            expectProblem(try await client.send(.post, "/api/v1/categories", as: .customer, json: body), .forbidden)
            expectProblem(try await client.send(.post, "/api/v1/categories", as: .staff, json: "{nope"), .badRequest)
            expectProblem(try await client.send(.post, "/api/v1/categories", as: .staff, json: body, contentType: "text/plain"), .unsupportedMediaType)
            let huge = #"{"slug":"men","name":"\#(String(repeating: "x", count: 400))"}"#
            expectProblem(try await client.send(.post, "/api/v1/categories", as: .staff, json: huge), .contentTooLarge)
            let invalid = try await client.send(.post, "/api/v1/categories", as: .staff, json: #"{"slug":"Bad Slug","name":""}"#)
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.body.errorFields == ["slug", "name"])
            let missing = try await client.send(.post, "/api/v1/categories", as: .staff, json: #"{"name":"Men"}"#)
            expectProblem(missing, .unprocessableContent)
            #expect(missing.body.errorFields == ["slug"])
            let unknownParent = try await client.send(.post, "/api/v1/categories", as: .staff,
                                                      json: #"{"slug":"x","name":"X","parent_id":"\#(UUID())"}"#)
            expectProblem(unknownParent, .unprocessableContent)
            #expect(unknownParent.body.errorFields == ["parent_id"])
            #expect(try await client.send(.post, "/api/v1/categories", as: .staff, json: body).status == .created)
            expectProblem(try await client.send(.post, "/api/v1/categories", as: .staff, json: body), .conflict)
            let invalidToken = try await client.send(.post, "/api/v1/categories", json: body, headers: [.authorization: "Bearer x.y.z"])
            expectProblem(invalidToken, .unauthorized)
        }
    }

    @Test func patchRenamesMovesAndRefusesCycles() async throws {
        try await CatalogTestApp.run { client in
            let men = try await client.createCategory(slug: "men")
            let shoes = try await client.createCategory(slug: "shoes", parent: men)
            let boots = try await client.createCategory(slug: "boots", parent: shoes)
            let other = try await client.createCategory(slug: "other")

            let renamed = try await client.send(.patch, "/api/v1/categories/\(shoes)", as: .staff, json: #"{"name":"Footwear"}"#,
                                                contentType: "application/merge-patch+json")
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(renamed.body["name"]?.string == "Footwear")
            #expect(renamed.body["slug"]?.string == "shoes")
            #expect(renamed.body["parent_id"]?.string == men)

            let cycle = try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"parent_id":"\#(boots)"}"#)
            expectProblem(cycle, .unprocessableContent)
            #expect(cycle.body.errorFields == ["parent_id"])
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"parent_id":"\#(men)"}"#), .unprocessableContent)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"parent_id":"\#(UUID())"}"#), .unprocessableContent)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"slug":"other"}"#), .conflict)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"id":"x"}"#), .unprocessableContent)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: #"{"slug":"BAD"}"#), .unprocessableContent)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: "[1"), .badRequest)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .staff, json: "{}", contentType: "text/plain"), .unsupportedMediaType)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", json: "{}"), .unauthorized)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(men)", as: .customer, json: "{}"), .forbidden)
            expectProblem(try await client.send(.patch, "/api/v1/categories/\(UUID())", as: .staff, json: "{}"), .notFound)

            let moved = try await client.send(.patch, "/api/v1/categories/\(boots)", as: .staff, json: #"{"parent_id":"\#(other)"}"#)
            #expect(moved.body["parent_id"]?.string == other)
            let root = try await client.send(.patch, "/api/v1/categories/\(shoes)", as: .staff, json: #"{"parent_id":null}"#)
            #expect(root.status == .ok)
            #expect(root.body["parent_id"] == .null)
        }
    }

    @Test func deleteRefusesCategoriesInUse() async throws {
        try await CatalogTestApp.run { client in
            let men = try await client.createCategory(slug: "men")
            let shoes = try await client.createCategory(slug: "shoes", parent: men)
            try await client.createProduct(sku: "BOOT-1", category: shoes)

            expectProblem(try await client.send(.delete, "/api/v1/categories/\(men)"), .unauthorized)
            expectProblem(try await client.send(.delete, "/api/v1/categories/\(men)", as: .customer), .forbidden)
            expectProblem(try await client.send(.delete, "/api/v1/categories/\(men)", as: .staff), .conflict)
            expectProblem(try await client.send(.delete, "/api/v1/categories/\(shoes)", as: .staff), .conflict)
            expectProblem(try await client.send(.delete, "/api/v1/categories/\(UUID())", as: .staff), .notFound)

            let empty = try await client.createCategory(slug: "empty")
            #expect(try await client.send(.delete, "/api/v1/categories/\(empty)", as: .admin).status == .noContent)
            expectProblem(try await client.send(.get, "/api/v1/categories/\(empty)"), .notFound)
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import IdentityService

@Suite struct AdminUserTests {
    @Test func adminRoutesNeedTheAdminRole() async throws {
        try await IdentityTestApp.test { client in
            let id = UUID().uuidString
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/users"), (.get, "/api/v1/users/\(id)"),
                                  (.patch, "/api/v1/users/\(id)"), (.delete, "/api/v1/users/\(id)")] {
                client.expectProblem(try await client.send(method, uri, json: method == .patch ? "{}" : nil), .unauthorized)
            }
            let customer = try await client.customerTokens()
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/users"), (.get, "/api/v1/users/\(id)"),
                                  (.patch, "/api/v1/users/\(id)"), (.delete, "/api/v1/users/\(id)")] {
                client.expectProblem(try await client.send(method, uri, json: method == .patch ? "{}" : nil, token: customer.access), .forbidden)
            }
        }
    }

    @Test func listPagesAndFilters() async throws {
        try await IdentityTestApp.test { client in
            for name in ["a1", "a2", "a3", "b1"] { try await client.register("\(name)@example.com") }
            let admin = try await client.adminToken()
            let first = try await client.send(.get, "/api/v1/users?limit=2&email=A", token: admin)
            #expect(first.status == .ok)
            #expect((first.json["items"] as? [Any])?.count == 2)
            let cursor = try #require(first.string("next_cursor"))
            let second = try await client.send(.get, "/api/v1/users?limit=2&email=a&cursor=\(cursor)", token: admin)
            let emails = (second.json["items"] as? [[String: Any]])?.compactMap { $0["email"] as? String }
            #expect(emails == ["a3@example.com"])
            #expect(second.json["next_cursor"] is NSNull)
            let admins = try await client.send(.get, "/api/v1/users?role=admin", token: admin)
            #expect((admins.json["items"] as? [[String: Any]])?.compactMap { $0["email"] as? String } == [IdentityTestApp.adminEmail])
            client.expectProblem(try await client.send(.get, "/api/v1/users?limit=101", token: admin), .unprocessableContent)
            client.expectProblem(try await client.send(.get, "/api/v1/users?limit=x", token: admin), .badRequest)
            client.expectProblem(try await client.send(.get, "/api/v1/users?role=king", token: admin), .unprocessableContent)
            client.expectProblem(try await client.send(.get, "/api/v1/users?cursor=zzz", token: admin), .badRequest)
        }
    }

    @Test func patchChangesRolesNameAndDisabled() async throws {
        try await IdentityTestApp.test { client in
            let id = try #require(try await client.register("ann@example.com").string("id"))
            let refresh = try #require(try await client.login("ann@example.com").string("refresh_token"))
            let admin = try await client.adminToken()
            let patched = try await client.send(.patch, "/api/v1/users/\(id)", json: #"{"roles":["staff","customer"],"name":"Ann S"}"#, token: admin)
            #expect(patched.status == .ok)
            #expect(patched.json["roles"] as? [String] == ["customer", "staff"])
            #expect(patched.string("name") == "Ann S")
            let disabled = try await client.send(.patch, "/api/v1/users/\(id)", json: #"{"disabled":true}"#, token: admin)
            #expect(disabled.json["disabled"] as? Bool == true)
            client.expectProblem(try await client.login("ann@example.com"), .unauthorized)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(refresh)"}"#), .unauthorized)

            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(id)", json: #"{"roles":[]}"#, token: admin), .unprocessableContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(id)", json: #"{"roles":["king"]}"#, token: admin), .unprocessableContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(id)", json: "{", token: admin), .badRequest)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(id)", json: "{}", token: admin, contentType: "text/plain"),
                                 .unsupportedMediaType)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(UUID())", json: "{}", token: admin), .notFound)
            client.expectProblem(try await client.send(.get, "/api/v1/users/not-a-uuid", token: admin), .notFound)
        }
    }

    @Test func adminsCannotLockThemselvesOut() async throws {
        try await IdentityTestApp.test { client in
            let admin = try await client.adminToken()
            let me = try #require(try await client.send(.get, "/api/v1/users/me", token: admin).string("id"))
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(me)", json: #"{"roles":["customer"]}"#, token: admin), .conflict)
            client.expectProblem(try await client.send(.delete, "/api/v1/users/\(me)", token: admin), .conflict)
        }
    }

    @Test func softDeleteAnonymizesAndRevokes() async throws {
        try await IdentityTestApp.test { client in
            let id = try #require(try await client.register("ann@example.com").string("id"))
            let tokens = try await client.login("ann@example.com")
            let refresh = try #require(tokens.string("refresh_token"))
            let access = try #require(tokens.string("access_token"))
            _ = try await client.send(.patch, "/api/v1/users/me", json: #"{"phone":"+49 30 1234567"}"#, token: access)
            let admin = try await client.adminToken()
            #expect(try await client.send(.delete, "/api/v1/users/\(id)", token: admin).status == .noContent)
            let deleted = try await client.send(.get, "/api/v1/users/\(id)", token: admin)
            #expect(deleted.string("email") == "deleted-\(id)@invalid")
            #expect(deleted.string("name") == "")
            #expect(deleted.json["phone"] is NSNull)
            #expect(deleted.json["default_shipping_address"] is NSNull)
            #expect(deleted.string("deleted_at") != nil)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(refresh)"}"#), .unauthorized)
            client.expectProblem(try await client.send(.get, "/api/v1/users/me", token: access), .unauthorized)
            client.expectProblem(try await client.login("ann@example.com"), .unauthorized)
            // The address is free again, and deleting twice is fine.
            #expect(try await client.register("ann@example.com").status == .created)
            #expect(try await client.send(.delete, "/api/v1/users/\(id)", token: admin).status == .noContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/\(id)", json: #"{"name":"X"}"#, token: admin), .conflict)
            client.expectProblem(try await client.send(.delete, "/api/v1/users/\(UUID())", token: admin), .notFound)
        }
    }
}

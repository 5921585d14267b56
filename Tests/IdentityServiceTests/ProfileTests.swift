import Foundation
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import Testing
@testable import IdentityService

@Suite struct ProfileTests {
    @Test func meNeedsAValidToken() async throws {
        try await IdentityTestApp.test { client in
            client.expectProblem(try await client.send(.get, "/api/v1/users/me"), .unauthorized)
            client.expectProblem(try await client.send(.get, "/api/v1/users/me", token: "not.a.token"), .unauthorized)
            // Signed by a key identity never published.
            client.expectProblem(try await client.send(.get, "/api/v1/users/me", token: TestTokens.token(roles: [.customer])), .unauthorized)
            client.expectProblem(try await client.send(.get, "/api/v1/users/me/preferences"), .unauthorized)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: "{}"), .unauthorized)
        }
    }

    @Test func readAndPatchTheProfile() async throws {
        try await IdentityTestApp.test { client in
            let tokens = try await client.customerTokens()
            let me = try await client.send(.get, "/api/v1/users/me", token: tokens.access)
            #expect(me.status == .ok)
            #expect(me.string("email") == "ann@example.com")
            let patch = """
                {"name":"Ann Lee","phone":"+49 30 1234567","default_shipping_address":
                 {"name":"Ann Lee","line1":"Main St 1","city":"Berlin","postal_code":"10115","country":"DE"}}
                """
            let patched = try await client.send(.patch, "/api/v1/users/me", json: patch, token: tokens.access)
            #expect(patched.status == .ok)
            #expect(patched.string("name") == "Ann Lee")
            #expect((patched.json["default_shipping_address"] as? [String: any Sendable])?["postal_code"] as? String == "10115")
            let cleared = try await client.send(.patch, "/api/v1/users/me", json: #"{"phone":null}"#, token: tokens.access)
            #expect(cleared.json["phone"] is NSNull)
            #expect(cleared.string("name") == "Ann Lee")
        }
    }

    @Test func invalidProfilePatches() async throws {
        try await IdentityTestApp.test { client in
            let tokens = try await client.customerTokens()
            let badCountry = #"{"default_shipping_address":{"name":"A","line1":"B","city":"C","postal_code":"1","country":"Germany"}}"#
            let response = try await client.send(.patch, "/api/v1/users/me", json: badCountry, token: tokens.access)
            client.expectProblem(response, .unprocessableContent)
            #expect((response.json["errors"] as? [[String: String]])?.first?["field"] == "default_shipping_address.country")
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: #"{"phone":"call me"}"#, token: tokens.access), .unprocessableContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: #"{"name":null}"#, token: tokens.access), .unprocessableContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: #"{"name":5}"#, token: tokens.access), .unprocessableContent)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: "{", token: tokens.access), .badRequest)
            client.expectProblem(try await client.send(.patch, "/api/v1/users/me", json: "{}", token: tokens.access, contentType: "text/plain"),
                                 .unsupportedMediaType)
        }
    }

    @Test func preferencesDefaultThenReplace() async throws {
        try await IdentityTestApp.test { client in
            let tokens = try await client.customerTokens()
            let defaults = try await client.send(.get, "/api/v1/users/me/preferences", token: tokens.access)
            #expect(defaults.status == .ok)
            #expect(defaults.string("currency") == "EUR")
            let body = #"{"locale":"de-DE","currency":"CHF","notifications":{"email":false,"sms":true,"push":true},"marketing_opt_in":true}"#
            let put = try await client.send(.put, "/api/v1/users/me/preferences", json: body, token: tokens.access)
            #expect(put.status == .ok)
            let read = try await client.send(.get, "/api/v1/users/me/preferences", token: tokens.access)
            #expect(read.string("locale") == "de-DE")
            #expect(read.json["marketing_opt_in"] as? Bool == true)
            #expect((read.json["notifications"] as? [String: Bool])?["sms"] == true)
            let bad = #"{"locale":"x","currency":"euro","notifications":{"email":true,"sms":false,"push":false},"marketing_opt_in":false}"#
            let invalid = try await client.send(.put, "/api/v1/users/me/preferences", json: bad, token: tokens.access)
            client.expectProblem(invalid, .unprocessableContent)
            #expect((invalid.json["errors"] as? [Any])?.count == 2)
            client.expectProblem(try await client.send(.put, "/api/v1/users/me/preferences", json: #"{"locale":"en"}"#, token: tokens.access),
                                 .unprocessableContent)
        }
    }
}

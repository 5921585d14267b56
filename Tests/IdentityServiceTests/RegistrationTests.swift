import Foundation
import HummingbirdTesting
import Testing
@testable import IdentityService

@Suite struct RegistrationTests {
    @Test func registerCreatesANormalizedCustomer() async throws {
        try await IdentityTestApp.test { client in
            let response = try await client.register("  Ann.Lee@Example.COM ")
            #expect(response.status == .created)
            #expect(response.string("email") == "ann.lee@example.com")
            #expect(response.json["roles"] as? [String] == ["customer"])
            #expect(response.json["password_hash"] == nil)
            #expect(response.headers[.location]?.hasPrefix("/api/v1/users/") == true)
        }
    }

    @Test func duplicateEmailIsAConflictWhateverTheCase() async throws {
        try await IdentityTestApp.test { client in
            try await client.register("ann@example.com")
            client.expectProblem(try await client.register("ANN@example.com "), .conflict)
        }
    }

    @Test func concurrentDuplicateRegistrationsCreateOneUser() async throws {
        try await IdentityTestApp.test { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await client.register("race@example.com").status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 5)
        }
    }

    @Test func weakPasswordsAndBadFieldsAreValidationErrors() async throws {
        try await IdentityTestApp.test { client in
            let short = try await client.register("ann@example.com", password: "short")
            client.expectProblem(short, .unprocessableContent)
            #expect((short.json["errors"] as? [[String: String]])?.first?["field"] == "password")
            client.expectProblem(try await client.register("ann.lee@example.com", password: "Ann.Lee@example.com"), .unprocessableContent)
            client.expectProblem(try await client.register("not-an-email"), .unprocessableContent)
            client.expectProblem(try await client.register("ann@example.com", name: " "), .unprocessableContent)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/register", json: #"{"email":"a@b.co"}"#), .unprocessableContent)
        }
    }

    @Test func malformedOversizedAndWrongTypeBodies() async throws {
        try await IdentityTestApp.test { client in
            client.expectProblem(try await client.send(.post, "/api/v1/auth/register", json: "{not json"), .badRequest)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/register", json: "email=a", contentType: "text/plain"),
                                 .unsupportedMediaType)
            let huge = #"{"email":"a@b.co","password":"\#(String(repeating: "x", count: 2 << 20))","name":"A"}"#
            client.expectProblem(try await client.send(.post, "/api/v1/auth/register", json: huge), .contentTooLarge)
        }
    }
}

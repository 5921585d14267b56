import Foundation
import HummingbirdTesting
import Testing
@testable import IdentityService

@Suite struct RefreshTokenTests {
    func refresh(_ client: some TestClientProtocol, _ token: String) async throws -> JSONResponse {
        try await client.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token":"\#(token)"}"#)
    }

    @Test func everyUseRotatesTheToken() async throws {
        try await IdentityTestApp.test { client in
            let first = try await client.customerTokens()
            let second = try await refresh(client, first.refresh)
            #expect(second.status == .ok)
            let next = try #require(second.string("refresh_token"))
            #expect(next != first.refresh)
            #expect(second.string("access_token") != nil)
            #expect(try await refresh(client, next).status == .ok)
        }
    }

    @Test func reusingARotatedTokenRevokesTheWholeFamily() async throws {
        try await IdentityTestApp.test { client in
            let first = try await client.customerTokens()
            let rotated = try #require(try await refresh(client, first.refresh).string("refresh_token"))
            client.expectProblem(try await refresh(client, first.refresh), .unauthorized)
            // The legitimate successor dies with the family.
            client.expectProblem(try await refresh(client, rotated), .unauthorized)
        }
    }

    @Test func concurrentUseOfOneTokenSucceedsAtMostOnce() async throws {
        try await IdentityTestApp.test { client in
            let first = try await client.customerTokens()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await refresh(client, first.refresh).status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count <= 1)
            #expect(statuses.filter { $0 == 401 }.count >= 3)
        }
    }

    @Test func logoutRevokesTheFamily() async throws {
        try await IdentityTestApp.test { client in
            let tokens = try await client.customerTokens()
            let logout = try await client.send(.post, "/api/v1/auth/logout", json: #"{"refresh_token":"\#(tokens.refresh)"}"#)
            #expect(logout.status == .noContent)
            client.expectProblem(try await refresh(client, tokens.refresh), .unauthorized)
            // Idempotent.
            #expect(try await client.send(.post, "/api/v1/auth/logout", json: #"{"refresh_token":"\#(tokens.refresh)"}"#).status == .noContent)
        }
    }

    @Test func badRefreshRequests() async throws {
        try await IdentityTestApp.test { client in
            client.expectProblem(try await refresh(client, "garbage"), .unauthorized)
            client.expectProblem(try await refresh(client, RefreshToken.generate().value), .unauthorized)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/refresh", json: "{}"), .unprocessableContent)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/refresh", json: "{"), .badRequest)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/refresh", json: "{}", contentType: "text/plain"), .unsupportedMediaType)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/logout", json: "{}"), .unprocessableContent)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/logout", json: "x", contentType: "text/plain"), .unsupportedMediaType)
        }
    }
}

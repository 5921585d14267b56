import Foundation
import HummingbirdTesting
import MercatoCore
import Testing
@testable import IdentityService

@Suite struct LoginTests {
    @Test func loginReturnsASignedTokenPair() async throws {
        try await IdentityTestApp.test { client in
            let user = try await client.register("ann@example.com")
            let response = try await client.login(" ANN@example.com")
            #expect(response.status == .ok)
            #expect(response.string("token_type") == "Bearer")
            #expect(response.json["expires_in"] as? Int == 900)
            let token = try #require(response.string("access_token"))
            #expect(response.string("refresh_token")?.count == 43)

            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(buffer: try await client.send(.get, "/.well-known/jwks.json").body))
            let kid = try JSONWebToken.keyID(of: token)
            let key = try #require(jwks.publicKeysByID[kid])
            let claims = try JSONWebToken.verify(token, key: key, as: AccessTokenClaims.self)
            #expect(claims.subject == user.string("id"))
            #expect(claims.roles == ["customer"])
            #expect(claims.issuer == "mercato-identity")
            #expect(claims.audience == ["mercato"])
            #expect(claims.expiresAt - claims.issuedAt == 900)
        }
    }

    @Test func wrongPasswordAndUnknownEmailLookAlike() async throws {
        try await IdentityTestApp.test { client in
            try await client.register("ann@example.com")
            let wrong = try await client.login("ann@example.com", password: "wrong-password-1")
            let unknown = try await client.login("nobody@example.com", password: "wrong-password-1")
            client.expectProblem(wrong, .unauthorized)
            client.expectProblem(unknown, .unauthorized)
            #expect(wrong.string("detail") == unknown.string("detail"))
            client.expectProblem(try await client.send(.post, "/api/v1/auth/login", json: "[]"), .unprocessableContent)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/login", json: "{"), .badRequest)
            client.expectProblem(try await client.send(.post, "/api/v1/auth/login", json: "{}", contentType: "text/plain"), .unsupportedMediaType)
        }
    }

    @Test func repeatedFailuresAreRefusedWithRetryAfter() async throws {
        try await IdentityTestApp.test { client in
            try await client.register("ann@example.com")
            for _ in 0..<10 {
                client.expectProblem(try await client.login("ann@example.com", password: "wrong-password-1"), .unauthorized)
            }
            let refused = try await client.login("ann@example.com")
            client.expectProblem(refused, .tooManyRequests)
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 900)
            // Another account from the same address is still allowed (address limit is higher).
            try await client.register("bob@example.com")
            #expect(try await client.login("bob@example.com").status == .ok)
        }
    }

    @Test func failuresAreDelayedBeforeTheyAreRefused() async throws {
        try await IdentityTestApp.test(extra: ["identity.loginDelayStep": 0.2, "identity.loginAccountDelayAfter": 1]) { client in
            try await client.register("ann@example.com")
            _ = try await client.login("ann@example.com", password: "wrong-password-1")
            let started = ContinuousClock.now
            _ = try await client.login("ann@example.com")
            #expect(ContinuousClock.now - started >= .milliseconds(200))
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import MercatoCore
import Testing
@testable import IdentityService

@Suite struct OAuthTokenTests {
    func token(_ client: some TestClientProtocol, _ form: String, headers: HTTPFields = [:]) async throws -> JSONResponse {
        try await client.send(.post, "/oauth/token", json: form, contentType: "application/x-www-form-urlencoded", headers: headers)
    }

    @Test func clientCredentialsInTheForm() async throws {
        try await IdentityTestApp.test { client in
            let response = try await token(client, "grant_type=client_credentials&client_id=orders&client_secret=orders-secret")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.string("token_type") == "Bearer")
            #expect(response.string("scope") == "stock.read stock.reserve")
            #expect(response.json["expires_in"] as? Int == 900)
            let jwt = try #require(response.string("access_token"))
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(buffer: try await client.send(.get, "/.well-known/jwks.json").body))
            let claims = try JSONWebToken.verify(jwt, key: try #require(jwks.publicKeysByID[try JSONWebToken.keyID(of: jwt)]),
                                                 as: AccessTokenClaims.self)
            #expect(claims.audience == ["catalog"])
            #expect(claims.clientID == "orders")
            #expect(claims.scope == "stock.read stock.reserve")
            #expect(claims.roles.isEmpty)
        }
    }

    @Test func clientCredentialsWithBasicAuth() async throws {
        try await IdentityTestApp.test { client in
            let basic = "Basic " + Data("orders:orders-secret".utf8).base64EncodedString()
            let response = try await token(client, "grant_type=client_credentials", headers: [.authorization: basic])
            #expect(response.status == .ok)
        }
    }

    @Test func requestedAudienceNarrowsTheToken() async throws {
        try await IdentityTestApp.test { client in
            func audiences(_ form: String) async throws -> [String]? {
                let response = try await token(client, "grant_type=client_credentials&client_id=mercato-cli&client_secret=cli-secret" + form)
                guard response.status == .ok, let jwt = response.string("access_token") else { return nil }
                let parts = jwt.split(separator: ".")
                var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                while payload.count % 4 != 0 { payload += "=" }
                return try JSONDecoder().decode(AccessTokenClaims.self, from: try #require(Data(base64Encoded: payload))).audience
            }
            #expect(try await audiences("") == ["catalog", "orders", "payments"])
            #expect(try await audiences("&audience=payments") == ["payments"])
            let refused = try await token(client, "grant_type=client_credentials&client_id=mercato-cli&client_secret=cli-secret&audience=identity")
            #expect(refused.status == .badRequest)
            #expect(refused.string("error") == "invalid_target")
            let narrowed = try await token(client, "grant_type=client_credentials&client_id=orders&client_secret=orders-secret&scope=stock.read")
            #expect(narrowed.string("scope") == "stock.read")
            let widened = try await token(client, "grant_type=client_credentials&client_id=orders&client_secret=orders-secret&scope=admin")
            #expect(widened.status == .badRequest)
            #expect(widened.string("error") == "invalid_scope")
        }
    }

    @Test func oauthErrors() async throws {
        try await IdentityTestApp.test { client in
            let wrong = try await token(client, "grant_type=client_credentials&client_id=orders&client_secret=nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.string("error") == "invalid_client")
            #expect(wrong.headers[.contentType] == "application/json")
            let unknown = try await token(client, "grant_type=client_credentials&client_id=ghost&client_secret=orders-secret")
            #expect(unknown.string("error") == "invalid_client")
            #expect(try await token(client, "grant_type=client_credentials").string("error") == "invalid_client")
            let password = try await token(client, "grant_type=password&username=a&password=b")
            #expect(password.status == .badRequest)
            #expect(password.string("error") == "unsupported_grant_type")
            #expect(try await token(client, "client_id=orders").string("error") == "invalid_request")
            let json = try await client.send(.post, "/oauth/token", json: #"{"grant_type":"client_credentials"}"#)
            client.expectProblem(json, .unsupportedMediaType)
        }
    }
}

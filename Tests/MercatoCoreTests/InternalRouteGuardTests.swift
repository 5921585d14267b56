import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import Testing

/// `/internal/...` accepts only service tokens addressed to this service with the required scope.
@Suite struct InternalRouteGuardTests {
    func makeApp() -> some ApplicationProtocol {
        let routes = RouteTable()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ProblemMiddleware(routes: routes))
        let verifier = AccessTokenVerifier(keys: TestTokens.keySource, issuer: TestTokens.issuer, audience: TestTokens.audience,
                                           serviceAudience: "catalog")
        router.add(middleware: BearerAuthMiddleware(verifier: verifier))
        router.group("internal")
            .add(middleware: InternalRouteGuard(audience: "catalog", requiredScopes: ["stock.reserve"]))
            .post("reservations") { _, context -> String in try context.requirePrincipal().subject }
        router.get("me") { _, context -> String in try context.requireUser().subject }
        routes.load(router)
        return Application(router: router)
    }

    func status(_ client: some TestClientProtocol, _ path: String, method: HTTPRequest.Method = .post, token: String?) async throws
        -> (HTTPResponse.Status, String?, String)
    {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer " + token }
        return try await client.execute(uri: path, method: method, headers: headers) { response in
            (response.status, response.headers[.contentType], String(buffer: response.body))
        }
    }

    @Test func aServiceTokenWithTheRightAudienceAndScopePasses() async throws {
        try await makeApp().test(.router) { client in
            let token = TestTokens.serviceToken(clientID: "orders", audience: "catalog", scope: "stock.read stock.reserve")
            let (status, _, body) = try await status(client, "/internal/reservations", token: token)
            #expect(status == .ok)
            #expect(body == "orders")
        }
    }

    @Test func aMissingScopeIsForbidden() async throws {
        try await makeApp().test(.router) { client in
            let token = TestTokens.serviceToken(clientID: "orders", audience: "catalog", scope: "stock.read")
            let (status, type, body) = try await status(client, "/internal/reservations", token: token)
            #expect(status == .forbidden)
            #expect(type == "application/problem+json")
            #expect(body.contains("stock.reserve"))
        }
    }

    @Test func aUserTokenIsForbidden() async throws {
        try await makeApp().test(.router) { client in
            let (status, type, _) = try await status(client, "/internal/reservations", token: TestTokens.token(roles: [.admin]))
            #expect(status == .forbidden)
            #expect(type == "application/problem+json")
        }
    }

    @Test func noTokenIsUnauthorized() async throws {
        try await makeApp().test(.router) { client in
            let (status, type, _) = try await status(client, "/internal/reservations", token: nil)
            #expect(status == .unauthorized)
            #expect(type == "application/problem+json")
        }
    }

    @Test func aServiceTokenForAnotherServiceIsRefused() async throws {
        try await makeApp().test(.router) { client in
            let elsewhere = TestTokens.serviceToken(clientID: "orders", audience: "payments", scope: "stock.reserve")
            let (elsewhereStatus, _, _) = try await status(client, "/internal/reservations", token: elsewhere)
            #expect(elsewhereStatus == .unauthorized)
            let platform = TestTokens.serviceToken(clientID: "orders", audience: "mercato", scope: "stock.reserve")
            let (platformStatus, _, _) = try await status(client, "/internal/reservations", token: platform)
            #expect(platformStatus == .forbidden)
        }
    }

    @Test func aServiceTokenDoesNotPassForAUserOnPublicRoutes() async throws {
        try await makeApp().test(.router) { client in
            let token = TestTokens.serviceToken(clientID: "orders", audience: "catalog", scope: "stock.reserve")
            let (status, _, _) = try await status(client, "/me", method: .get, token: token)
            #expect(status == .forbidden)
        }
    }
}

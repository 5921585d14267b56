import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import Resilience
import Testing

/// The token provider against a fake identity over real HTTP: caching, renewal, single flight, failures.
@Suite struct ServiceTokenProviderTests {
    let clock = ManualClock()
    let issued = RequestCounter()
    let failing = Locked(false)
    let forms = Locked<[String]>([])

    /// `POST /oauth/token` answering `token-<n>` valid for 900 s, or 401 `invalid_client` for a wrong secret.
    func identity() -> Router<BasicRequestContext> {
        let router = Router()
        let issued = self.issued
        let failing = self.failing
        let forms = self.forms
        router.post("oauth/token") { request, _ -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            forms.update { $0.append(form) }
            if failing.value { return Response(status: .serviceUnavailable) }
            guard form.contains("client_secret=orders-secret") else {
                return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_client"}"#)))
            }
            let body = #"{"access_token":"token-\#(issued.next("token"))","token_type":"Bearer","expires_in":900,"scope":"stock.read"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }

    func provider(_ url: String, _ http: HTTPClient, secret: String = "orders-secret") -> ServiceTokenProvider {
        ServiceTokenProvider(config: .init(tokenURL: url + "/oauth/token", clientID: "orders", clientSecret: secret,
                                           audience: "catalog", scope: "stock.read stock.reserve"),
                             httpClient: http, clock: clock)
    }

    @Test func cachesTheTokenUntilShortlyBeforeItExpires() async throws {
        try await withTestServer(identity()) { url, http in
            let tokens = provider(url, http)
            let token1 = try await tokens.token()
            #expect(token1 == "token-1")
            #expect(forms.value == ["grant_type=client_credentials&client_id=orders&client_secret=orders-secret&audience=catalog&scope=stock.read%20stock.reserve"])
            clock.advance(by: .seconds(869))
            let token2 = try await tokens.token()
            #expect(token2 == "token-1")
            clock.advance(by: .seconds(1))
            let token3 = try await tokens.token()
            #expect(token3 == "token-2")
            #expect(issued.count("token") == 2)
        }
    }

    @Test func concurrentCallersShareOneRequest() async throws {
        try await withTestServer(identity()) { url, http in
            let tokens = provider(url, http)
            let values = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await tokens.token() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(values == ["token-1"])
            #expect(issued.count("token") == 1)
        }
    }

    @Test func aFailedRenewalKeepsUsingAStillValidToken() async throws {
        try await withTestServer(identity()) { url, http in
            let tokens = provider(url, http)
            let token4 = try await tokens.token()
            #expect(token4 == "token-1")
            failing.update { $0 = true }
            clock.advance(by: .seconds(880))
            let token5 = try await tokens.token()
            #expect(token5 == "token-1")
            clock.advance(by: .seconds(20))
            let error = await #expect(throws: ServiceTokenError.self) { try await tokens.token() }
            #expect(error?.status == 503)
            failing.update { $0 = false }
            let token6 = try await tokens.token()
            #expect(token6 == "token-2")
        }
    }

    @Test func invalidatingTheCurrentTokenForcesANewOne() async throws {
        try await withTestServer(identity()) { url, http in
            let tokens = provider(url, http)
            let token7 = try await tokens.token()
            #expect(token7 == "token-1")
            await tokens.invalidate("some-older-token")
            let kept = try await tokens.token()
            #expect(kept == "token-1")
            await tokens.invalidate("token-1")
            let token8 = try await tokens.token()
            #expect(token8 == "token-2")
        }
    }

    @Test func aRefusedClientGetsTheOAuthError() async throws {
        try await withTestServer(identity()) { url, http in
            let error = await #expect(throws: ServiceTokenError.self) { try await provider(url, http, secret: "wrong").token() }
            #expect(error?.status == 401)
            #expect(error?.error == "invalid_client")
        }
    }
}

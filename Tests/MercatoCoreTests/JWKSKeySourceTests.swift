import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MercatoCore
import Synchronization
import Testing

/// JWKS keys are fetched once, cached, refetched when a token names an unknown `kid` (but not more
/// often than the minimum interval), and a failed fetch keeps the keys already known.
@Suite struct JWKSKeySourceTests {
    final class PublishedKeys: Sendable {
        let keys = Mutex<[JWKS.Key]>([])
        let fetches = Atomic<Int>(0)
        let failing = Atomic<Bool>(false)
    }

    func app(_ published: PublishedKeys) -> some ApplicationProtocol {
        let router = Router()
        router.get("/.well-known/jwks.json") { _, _ -> Response in
            published.fetches.add(1, ordering: .relaxed)
            if published.failing.load(ordering: .relaxed) { return Response(status: .internalServerError) }
            let data = try JSONEncoder().encode(JWKS(keys: published.keys.withLock { $0 }))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return Application(router: router)
    }

    @Test func cachesRefetchesOnUnknownKidAndSurvivesOutages() async throws {
        let published = PublishedKeys()
        let first = Curve25519.Signing.PrivateKey()
        let second = Curve25519.Signing.PrivateKey()
        published.keys.withLock { $0 = [.init(kid: "k1", publicKey: first.publicKey)] }
        try await app(published).test(.live) { client in
            let port = try #require(client.port)
            let source = JWKSKeySource(url: "http://127.0.0.1:\(port)/.well-known/jwks.json", httpClient: HTTPClient.shared,
                                       logger: Logger(label: "test"), minimumRefetchInterval: .milliseconds(200))
            #expect(try await source.publicKey(kid: "k1")?.rawRepresentation == first.publicKey.rawRepresentation)
            #expect(try await source.publicKey(kid: "k1") != nil)
            #expect(published.fetches.load(ordering: .relaxed) == 1, "a known kid is served from the cache")

            // A new key is published; an unknown kid right away is not refetched (rate limit)...
            published.keys.withLock { $0.append(.init(kid: "k2", publicKey: second.publicKey)) }
            #expect(try await source.publicKey(kid: "k2") == nil)
            #expect(published.fetches.load(ordering: .relaxed) == 1)
            // ...but after the minimum interval it is.
            try await Task.sleep(for: .milliseconds(250))
            #expect(try await source.publicKey(kid: "k2")?.rawRepresentation == second.publicKey.rawRepresentation)
            #expect(published.fetches.load(ordering: .relaxed) == 2)

            // identity down: known keys keep working, unknown ones are simply unknown.
            published.failing.store(true, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(250))
            #expect(try await source.publicKey(kid: "k3") == nil)
            #expect(try await source.publicKey(kid: "k1") != nil)
        }
    }
}

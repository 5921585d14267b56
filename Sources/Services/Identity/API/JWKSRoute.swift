import Foundation
import Hummingbird
import MercatoCore

/// `GET /.well-known/jwks.json`: the public keys tokens may be signed with.
struct JWKSRoute: Sendable {
    let keyRing: SigningKeyRing

    func add(to router: Router<AppRequestContext>) {
        router.get(".well-known/jwks.json") { _, _ in
            let keys = try await keyRing.publishedKeys().map { JWKS.Key(kid: $0.kid, publicKey: $0.key) }
            let data = try JSONEncoder().encode(JWKS(keys: keys))
            // Short caching: verifiers refetch on an unknown kid anyway.
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=60"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}

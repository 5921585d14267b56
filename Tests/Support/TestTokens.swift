import Crypto
import Foundation
import MercatoCore

/// A signing key for tests and tokens made with it, verifiable through `keySource` / `verifier`.
public enum TestTokens {
    /// The test signing key.
    public static let key = Curve25519.Signing.PrivateKey()
    /// Its key id.
    public static let kid = "test-key-1"
    /// Issuer the tokens carry (AuthConfig's default).
    public static let issuer = "mercato-identity"
    /// Audience the tokens carry (AuthConfig's default).
    public static let audience = "mercato"

    /// A key source knowing only the test key.
    public static let keySource = StaticKeySource { [kid: key.publicKey] }

    /// A verifier accepting the test tokens.
    public static let verifier = AccessTokenVerifier(keys: keySource, issuer: issuer, audience: audience)

    /// A signed user token for `subject` with `roles`, valid for `lifetime` seconds (negative: already expired).
    public static func token(subject: String = UUID().uuidString.lowercased(), roles: [Role], lifetime: Int64 = 900,
                             audience: String = audience, signingKey: Curve25519.Signing.PrivateKey = key, kid: String = kid) -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(issuer: issuer, audience: [audience], subject: subject, roles: roles.map(\.rawValue),
                                       issuedAt: now, expiresAt: now + lifetime)
        // Signing an in-memory Ed25519 key cannot fail for a Codable value.
        return (try? JSONWebToken.sign(claims, key: signingKey, kid: kid)) ?? ""
    }

    /// A signed service (client-credentials) token of `clientID` for `audience` with `scope`, as identity issues them.
    public static func serviceToken(clientID: String, audience: String, scope: String, lifetime: Int64 = 900) -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(issuer: issuer, audience: [audience], subject: clientID, roles: [], scope: scope,
                                       clientID: clientID, issuedAt: now, expiresAt: now + lifetime)
        return (try? JSONWebToken.sign(claims, key: key, kid: kid)) ?? ""
    }

    /// `Authorization` header value for a token with `roles`.
    public static func bearer(roles: [Role], subject: String = UUID().uuidString.lowercased()) -> String {
        "Bearer " + token(subject: subject, roles: roles)
    }
}

import Crypto
import Foundation

/// Where a verifier gets public keys by `kid`.
public protocol PublicKeySource: Sendable {
    /// The key named `kid`, or nil when it is unknown even after a refresh.
    func publicKey(kid: String) async throws -> Curve25519.Signing.PublicKey?
}

/// Verifies access tokens locally: signature by `kid`, expiry, issuer, audience.
///
/// Keys (under `auth.`): `issuer` (default `mercato-identity`), `audience` (default `mercato`),
/// `serviceAudience` (default the service's name: the audience of service tokens meant for it).
public struct AccessTokenVerifier: Sendable {
    /// Expected `iss`.
    public var issuer: String
    /// Audience this service accepts.
    public var audience: String
    /// Audience of service (client-credentials) tokens addressed to this service, also accepted.
    public var serviceAudience: String?
    private let keys: any PublicKeySource
    private let now: @Sendable () -> Int64

    /// A verifier using `keys`; `now` is injectable for tests.
    public init(keys: any PublicKeySource, issuer: String, audience: String, serviceAudience: String? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.serviceAudience = serviceAudience
        self.now = now
    }

    /// A verifier using `keys` with the issuer and audiences of `auth`.
    public init(keys: any PublicKeySource, auth: AuthConfig) {
        self.init(keys: keys, issuer: auth.issuer, audience: auth.audience, serviceAudience: auth.serviceAudience)
    }

    /// The claims of a valid token; throws `JSONWebToken.Failure` otherwise.
    public func verify(_ token: String) async throws -> AccessTokenClaims {
        let kid = try JSONWebToken.keyID(of: token)
        guard let key = try await keys.publicKey(kid: kid) else { throw JSONWebToken.Failure.unknownKey }
        let claims = try JSONWebToken.verify(token, key: key, as: AccessTokenClaims.self)
        try JSONWebToken.validate(claims, issuer: issuer, audience: audience, serviceAudience: serviceAudience, now: now())
        return claims
    }
}

/// A fixed set of public keys (identity's own, or tests').
public struct StaticKeySource: PublicKeySource {
    private let keys: @Sendable () async throws -> [String: Curve25519.Signing.PublicKey]

    /// Keys produced by `keys` on every lookup (so identity sees rotations at once).
    public init(keys: @escaping @Sendable () async throws -> [String: Curve25519.Signing.PublicKey]) { self.keys = keys }

    /// Looks `kid` up.
    public func publicKey(kid: String) async throws -> Curve25519.Signing.PublicKey? { try await keys()[kid] }
}

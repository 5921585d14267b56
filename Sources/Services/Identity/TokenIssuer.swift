import Foundation
import MercatoCore

/// Signs access tokens with the active key: user tokens for the platform audience, and
/// client-credentials tokens for a client's own audience.
struct TokenIssuer: Sendable {
    let keys: SigningKeyRing
    let issuer: String
    let audience: String
    let lifetimeSeconds: Int

    /// An access token for `user`.
    func userToken(for user: User) async throws -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(issuer: issuer, audience: [audience], subject: user.id.uuidString.lowercased(),
                                       roles: user.roleNames, issuedAt: now, expiresAt: now + Int64(lifetimeSeconds))
        return try await sign(claims)
    }

    /// A client-credentials token for `client`: its audience and scopes, no roles.
    func clientToken(for client: ServiceClient, audiences: [String], scope: String) async throws -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(issuer: issuer, audience: audiences, subject: client.id, roles: [],
                                       scope: scope, clientID: client.id,
                                       issuedAt: now, expiresAt: now + Int64(lifetimeSeconds))
        return try await sign(claims)
    }

    private func sign(_ claims: AccessTokenClaims) async throws -> String {
        let signing = try await keys.signingKey()
        return try JSONWebToken.sign(claims, key: signing.key, kid: signing.kid)
    }
}

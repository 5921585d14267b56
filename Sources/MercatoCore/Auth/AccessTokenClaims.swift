import Foundation

/// The claims of a Mercato access token (a JWT signed with Ed25519).
public struct AccessTokenClaims: Codable, Sendable, Equatable {
    /// Issuer (`iss`).
    public var issuer: String
    /// Audiences (`aud`), always written as an array.
    public var audience: [String]
    /// Subject (`sub`): user id or service client id.
    public var subject: String
    /// Roles of a user token.
    public var roles: [String]
    /// Space-separated scopes of a service token.
    public var scope: String?
    /// Client id of a service token.
    public var clientID: String?
    /// Issued at, seconds since the epoch (`iat`).
    public var issuedAt: Int64
    /// Expires at, seconds since the epoch (`exp`).
    public var expiresAt: Int64
    /// Unique token id (`jti`).
    public var tokenID: String

    /// Claims with every field given.
    public init(issuer: String, audience: [String], subject: String, roles: [String], scope: String? = nil,
                clientID: String? = nil, issuedAt: Int64, expiresAt: Int64, tokenID: String = UUID().uuidString.lowercased()) {
        self.issuer = issuer
        self.audience = audience
        self.subject = subject
        self.roles = roles
        self.scope = scope
        self.clientID = clientID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.tokenID = tokenID
    }

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", audience = "aud", subject = "sub", roles, scope
        case clientID = "client_id", issuedAt = "iat", expiresAt = "exp", tokenID = "jti"
    }

    /// Accepts `aud` as a string or an array, as RFC 7519 allows.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decode(String.self, forKey: .issuer)
        if let single = try? container.decode(String.self, forKey: .audience) {
            audience = [single]
        } else {
            audience = try container.decode([String].self, forKey: .audience)
        }
        subject = try container.decode(String.self, forKey: .subject)
        roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
        clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
        expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        tokenID = try container.decodeIfPresent(String.self, forKey: .tokenID) ?? ""
    }

    /// The principal these claims describe.
    public var principal: Principal {
        Principal(
            subject: subject,
            roles: Set(roles.compactMap(Role.init(rawValue:))),
            scopes: Set((scope ?? "").split(separator: " ").map(String.init)),
            isService: clientID != nil,
            audiences: Set(audience))
    }
}

/// A role a user can hold.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// A shopper.
    case customer
    /// Shop staff: manages the catalog and orders.
    case staff
    /// Full control, including users.
    case admin
}

/// Who is calling: a user (with roles) or a service client (with scopes), from a verified access token.
public struct Principal: Sendable, Equatable {
    /// The token's `sub`: a user id, or a service client id.
    public var subject: String
    /// Roles of a user token (empty for service tokens).
    public var roles: Set<Role>
    /// Scopes of a service token (empty for user tokens).
    public var scopes: Set<String>
    /// True for client-credentials (service-to-service) tokens.
    public var isService: Bool
    /// The token's audiences (`aud`).
    public var audiences: Set<String>

    /// A principal with the given claims.
    public init(subject: String, roles: Set<Role>, scopes: Set<String> = [], isService: Bool = false, audiences: Set<String> = []) {
        self.subject = subject
        self.roles = roles
        self.scopes = scopes
        self.isService = isService
        self.audiences = audiences
    }

    /// Whether this principal holds any of `roles`.
    public func hasAny(of roles: Set<Role>) -> Bool { !self.roles.isDisjoint(with: roles) }
}

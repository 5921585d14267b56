import Foundation
import MercatoCore

/// A stored user account.
public struct User: Sendable, Equatable {
    /// Id.
    public var id: UUID
    /// Normalized e-mail address.
    public var email: String
    /// Bcrypt hash of the password.
    public var passwordHash: String
    /// Display name.
    public var name: String
    /// Phone number, if given.
    public var phone: String?
    /// Default shipping address, if given.
    public var shippingAddress: ShippingAddress?
    /// Roles.
    public var roles: [Role]
    /// Whether an admin disabled the account.
    public var disabled: Bool
    /// Creation time.
    public var createdAt: Date
    /// Last change.
    public var updatedAt: Date
    /// Soft-deletion time.
    public var deletedAt: Date?

    /// Whether the user may sign in and use tokens.
    public var isActive: Bool { !disabled && deletedAt == nil }

    /// The roles as token claims, in a stable order.
    public var roleNames: [String] { Role.allCases.filter(roles.contains).map(\.rawValue) }
}

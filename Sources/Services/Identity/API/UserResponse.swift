import Foundation
import Hummingbird
import MercatoCore

/// A user as the API shows it (never the password hash).
struct UserResponse: ResponseEncodable, Sendable {
    var id: String
    var email: String
    var name: String
    var phone: String?
    var defaultShippingAddress: ShippingAddress?
    var roles: [String]
    var disabled: Bool
    var createdAt: Date
    var updatedAt: Date
    var deletedAt: Date?

    init(_ user: User) {
        id = user.id.uuidString.lowercased()
        email = user.email
        name = user.name
        phone = user.phone
        defaultShippingAddress = user.shippingAddress
        roles = user.roleNames
        disabled = user.disabled
        createdAt = user.createdAt
        updatedAt = user.updatedAt
        deletedAt = user.deletedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, name, phone, roles, disabled
        case defaultShippingAddress = "default_shipping_address"
        case createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at"
    }

    /// Writes absent optionals as null, so clients see every member.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(phone, forKey: .phone)
        try container.encode(defaultShippingAddress, forKey: .defaultShippingAddress)
        try container.encode(roles, forKey: .roles)
        try container.encode(disabled, forKey: .disabled)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(deletedAt, forKey: .deletedAt)
    }
}

/// One page of users for admins.
struct UserPage: ResponseEncodable, Sendable {
    var page: Page<UserResponse>

    func encode(to encoder: any Encoder) throws { try page.encode(to: encoder) }
}

import Foundation
import MercatoCore

/// `PATCH /api/v1/users/me` body: absent members stay, null clears phone and address.
struct ProfilePatch: Decodable, Sendable {
    var name: PatchField<String>
    var phone: PatchField<String>
    var defaultShippingAddress: PatchField<ShippingAddress>

    enum CodingKeys: String, CodingKey {
        case name, phone
        case defaultShippingAddress = "default_shipping_address"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try PatchField(container, .name)
        phone = try PatchField(container, .phone)
        defaultShippingAddress = try PatchField(container, .defaultShippingAddress)
    }

    /// `user` with the patch applied; 422 naming each invalid member.
    func apply(to user: User) throws -> User {
        var validator = FieldValidator()
        var result = user
        switch name {
        case .absent: break
        case .null: validator.add("name", "must not be null")
        case .value(let name):
            if let problem = ProfileRules.nameProblem(name) { validator.add("name", problem) }
            result.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        switch phone {
        case .absent: break
        case .null: result.phone = nil
        case .value(let phone):
            if let problem = ProfileRules.phoneProblem(phone) { validator.add("phone", problem) }
            result.phone = phone
        }
        switch defaultShippingAddress {
        case .absent: break
        case .null: result.shippingAddress = nil
        case .value(let address):
            address.validate(into: &validator, prefix: "default_shipping_address")
            result.shippingAddress = address
        }
        try validator.validate()
        return result
    }
}

/// `PATCH /api/v1/users/{id}` body (admins): roles, name, disabled flag.
struct AdminUserPatch: Decodable, Sendable {
    var roles: [Role]?
    var name: String?
    var disabled: Bool?

    /// `user` with the patch applied; 422 naming each invalid member.
    func apply(to user: User) throws -> User {
        var validator = FieldValidator()
        var result = user
        if let roles {
            validator.require(!roles.isEmpty, "roles", "must name at least one role")
            result.roles = Role.allCases.filter(roles.contains)
        }
        if let name {
            if let problem = ProfileRules.nameProblem(name) { validator.add("name", problem) }
            result.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let disabled { result.disabled = disabled }
        try validator.validate()
        return result
    }
}

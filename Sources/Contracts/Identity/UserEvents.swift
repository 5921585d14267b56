import Foundation

/// `mercato.identity.user-registered.v1`: a new account exists.
public struct UserRegistered: EventPayload, Equatable {
    public static let producer = "identity"
    public static let name = "user-registered"
    public static let version = 1
    /// User id.
    public var userID: UUID
    /// Normalized email.
    public var email: String
    /// Display name.
    public var name: String
    /// Roles.
    public var roles: [String]
    /// Preferred locale, when known.
    public var locale: String?

    /// A payload with every field.
    public init(userID: UUID, email: String, name: String, roles: [String], locale: String?) {
        self.userID = userID
        self.email = email
        self.name = name
        self.roles = roles
        self.locale = locale
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name, roles, locale
    }

    public static let jsonSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"user-registered.v1","type":"object",
     "required":["user_id","email","name","roles"],"additionalProperties":false,
     "properties":{"user_id":{"type":"string","format":"uuid"},"email":{"type":"string","minLength":3},
      "name":{"type":"string"},"roles":{"type":"array","items":{"enum":["customer","staff","admin"]}},
      "locale":{"type":["string","null"]}}}
    """
}

/// `mercato.identity.user-updated.v1`: profile, contact data or notification preferences changed.
public struct UserUpdated: EventPayload, Equatable {
    public static let producer = "identity"
    public static let name = "user-updated"
    public static let version = 1
    /// User id.
    public var userID: UUID
    /// Current email.
    public var email: String
    /// Current display name.
    public var name: String
    /// Current phone, if any.
    public var phone: String?
    /// Current roles.
    public var roles: [String]
    /// Whether the account is disabled.
    public var disabled: Bool
    /// Channels the user accepts notifications on (`email`, `sms`, `push`), when preferences are known.
    public var channels: [String]?
    /// Marketing opt-in (price drops), when preferences are known.
    public var marketingOptIn: Bool?
    /// Preferred locale, when known.
    public var locale: String?

    /// A payload with every field.
    public init(userID: UUID, email: String, name: String, phone: String?, roles: [String], disabled: Bool,
                channels: [String]?, marketingOptIn: Bool?, locale: String?) {
        self.userID = userID
        self.email = email
        self.name = name
        self.phone = phone
        self.roles = roles
        self.disabled = disabled
        self.channels = channels
        self.marketingOptIn = marketingOptIn
        self.locale = locale
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name, phone, roles, disabled, channels
        case marketingOptIn = "marketing_opt_in", locale
    }

    public static let jsonSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"user-updated.v1","type":"object",
     "required":["user_id","email","name","roles","disabled"],"additionalProperties":false,
     "properties":{"user_id":{"type":"string","format":"uuid"},"email":{"type":"string"},"name":{"type":"string"},
      "phone":{"type":["string","null"]},"roles":{"type":"array","items":{"enum":["customer","staff","admin"]}},
      "disabled":{"type":"boolean"},"channels":{"type":["array","null"],"items":{"enum":["email","sms","push"]}},
      "marketing_opt_in":{"type":["boolean","null"]},"locale":{"type":["string","null"]}}}
    """
}

/// `mercato.identity.user-deleted.v1`: the account was deleted and its personal data anonymized.
public struct UserDeleted: EventPayload, Equatable {
    public static let producer = "identity"
    public static let name = "user-deleted"
    public static let version = 1
    /// User id.
    public var userID: UUID

    /// A payload for `userID`.
    public init(userID: UUID) { self.userID = userID }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
    }

    public static let jsonSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"user-deleted.v1","type":"object",
     "required":["user_id"],"additionalProperties":false,"properties":{"user_id":{"type":"string","format":"uuid"}}}
    """
}

import Foundation

/// This service's copy of a user's contact data and identity-owned channel settings (read-only here).
public struct RecipientContact: Sendable, Equatable {
    /// The user.
    public var userID: UUID
    /// Email address; empty once the user is deleted.
    public var email: String
    /// Display name; empty once the user is deleted.
    public var name: String
    /// Preferred locale, e.g. `en` or `de-AT`.
    public var locale: String
    /// Channels the user accepts in identity (`email`, `sms`, `push`).
    public var channels: [String]
    /// Marketing opt-in from identity: required for price drops.
    public var marketingOptIn: Bool
    /// The account is disabled: nothing new is sent.
    public var disabled: Bool
    /// The account is deleted: contact data is forgotten, nothing new is sent.
    public var deleted: Bool

    /// A recipient with every field.
    public init(userID: UUID, email: String, name: String, locale: String, channels: [String], marketingOptIn: Bool,
                disabled: Bool, deleted: Bool) {
        self.userID = userID
        self.email = email
        self.name = name
        self.locale = locale
        self.channels = channels
        self.marketingOptIn = marketingOptIn
        self.disabled = disabled
        self.deleted = deleted
    }

    /// Identity's defaults for a newly registered user: email only, no marketing.
    public static let defaultChannels = ["email"]
}

import MercatoCore

/// How a user wants to be addressed and notified.
public struct UserPreferences: Codable, Sendable, Equatable {
    /// Which channels notifications may use.
    public struct Channels: Codable, Sendable, Equatable {
        /// E-mail notifications.
        public var email: Bool
        /// SMS notifications.
        public var sms: Bool
        /// Push notifications.
        public var push: Bool

        /// Channels with every flag given.
        public init(email: Bool, sms: Bool, push: Bool) {
            self.email = email
            self.sms = sms
            self.push = push
        }
    }

    /// BCP 47 language tag such as `en` or `de-DE`.
    public var locale: String
    /// ISO 4217 currency code such as `EUR`.
    public var currency: String
    /// Notification channels.
    public var notifications: Channels
    /// Whether the user accepts marketing messages.
    public var marketingOptIn: Bool

    /// Preferences with every part given.
    public init(locale: String, currency: String, notifications: Channels, marketingOptIn: Bool) {
        self.locale = locale
        self.currency = currency
        self.notifications = notifications
        self.marketingOptIn = marketingOptIn
    }

    /// What a user has before choosing: English, euros, e-mail only, no marketing.
    public static let defaults = UserPreferences(
        locale: "en", currency: "EUR", notifications: Channels(email: true, sms: false, push: false), marketingOptIn: false)

    enum CodingKeys: String, CodingKey {
        case locale, currency, notifications
        case marketingOptIn = "marketing_opt_in"
    }

    /// Throws 422 naming each invalid field.
    public func validate() throws {
        var validator = FieldValidator()
        validator.require(Self.isLocale(locale), "locale", "must be a language tag such as en or de-DE")
        validator.require(currency.count == 3 && currency.allSatisfy { $0.isASCII && $0.isUppercase },
                          "currency", "must be an ISO 4217 code such as EUR")
        try validator.validate()
    }

    /// A language (2–3 lowercase letters) optionally followed by `-` and a region (2 uppercase letters).
    static func isLocale(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        if parts.count == 1 { return true }
        guard parts.count == 2 else { return false }
        return parts[1].count == 2 && parts[1].allSatisfy { $0.isASCII && $0.isUppercase }
    }
}

import Foundation
import Hummingbird
import MercatoCore

/// The body of `GET|PUT /api/v1/notifications/preferences`: the editable topic switches, and identity's
/// channels, marketing opt-in and locale (read-only here; null until an identity event about the user arrived).
struct PreferencesBody: ResponseEncodable, Sendable {
    var view: PreferencesView

    enum CodingKeys: String, CodingKey {
        case topics, channels, marketingOptIn = "marketing_opt_in", locale
    }

    /// Encodes every member, nulls included.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(view.switches, forKey: .topics)
        try container.encode(view.channels, forKey: .channels)
        try container.encode(view.marketingOptIn, forKey: .marketingOptIn)
        try container.encode(view.locale, forKey: .locale)
    }

    /// The version as an entity tag, e.g. `"3"`.
    static func entityTag(_ version: Int) -> String { "\"\(version)\"" }
}

/// The body of `PUT /api/v1/notifications/preferences`: `{"topics": {"account": …, "price_drop": …, "orders": …}}`,
/// every switch required. Identity-owned members are refused with a pointer to identity; unknown members too.
struct PreferencesUpdate: Decodable, Sendable {
    var topics: TopicSwitches

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    static let identityOwned: Set<String> = ["channels", "marketing_opt_in", "locale"]

    /// Decodes strictly.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where key.stringValue != "topics" {
            throw ValidationMessage.fail(
                Self.identityOwned.contains(key.stringValue)
                    ? "is owned by identity; change it with PATCH /api/v1/users/me/preferences"
                    : "is not a member of this resource",
                codingPath: [key])
        }
        let topicsKey = Key(stringValue: "topics")
        let topics = try container.nestedContainer(keyedBy: Key.self, forKey: topicsKey)
        for key in topics.allKeys where !["account", "price_drop", "orders"].contains(key.stringValue) {
            throw ValidationMessage.fail("is not a topic (account, price_drop, orders)", codingPath: [topicsKey, key])
        }
        self.topics = TopicSwitches(
            account: try topics.decode(Bool.self, forKey: Key(stringValue: "account")),
            priceDrop: try topics.decode(Bool.self, forKey: Key(stringValue: "price_drop")),
            orders: try topics.decode(Bool.self, forKey: Key(stringValue: "orders")))
    }

    /// The version an `If-Match` value names: nil for absent or `*`; 400 when it is no entity tag this API made.
    static func version(ifMatch: String?) throws -> Int? {
        guard let raw = ifMatch?.trimmingCharacters(in: .whitespaces), raw != "*" else { return nil }
        let tag = raw.hasPrefix("W/") ? String(raw.dropFirst(2)) : raw
        guard tag.count >= 3, tag.hasPrefix("\""), tag.hasSuffix("\""), let version = Int(tag.dropFirst().dropLast()), version >= 0 else {
            throw Problem.badRequest("If-Match must be an entity tag returned by GET /api/v1/notifications/preferences.")
        }
        return version
    }
}

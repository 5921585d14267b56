/// The message a template produces: a subject and a plain-text body.
public struct RenderedMessage: Sendable, Equatable {
    /// Subject line (email Subject, in-app title).
    public var subject: String
    /// Plain-text body.
    public var body: String

    /// A message.
    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

/// The kinds of message this service writes, one per event type that notifies.
public enum MessageKind: String, Sendable, CaseIterable {
    /// After `user-registered`; values: `name`.
    case welcome
    /// After a lower price in `price-changed`; values: `product_name`, `sku`, `old_price`, `new_price`.
    /// Rendered once per locale for every recipient, so it carries no per-recipient values.
    case priceDrop = "price_drop"
}

/// The Mustache sources of every message, by kind and locale (`en` must exist for each kind: it is the fallback).
/// Kept in code rather than resource bundles so the binary is self-contained. Values are plain text
/// (no HTML escaping; see `NotificationRenderer`).
public enum NotificationTemplates {
    /// Subject and body sources for one kind in one locale.
    public struct Source: Sendable {
        /// Subject template.
        public var subject: String
        /// Body template.
        public var body: String
    }

    /// Every source: kind → locale → source.
    public static let sources: [MessageKind: [String: Source]] = [
        .welcome: [
            "en": Source(
                subject: "Welcome to Mercato, {{name}}!",
                body: """
                Hello {{name}},

                your Mercato account is ready. You can now browse the catalog, follow prices and order.

                The Mercato team
                """),
            "de": Source(
                subject: "Willkommen bei Mercato, {{name}}!",
                body: """
                Hallo {{name}},

                dein Mercato-Konto ist eingerichtet. Du kannst jetzt stöbern, Preise verfolgen und bestellen.

                Dein Mercato-Team
                """),
        ],
        .priceDrop: [
            "en": Source(
                subject: "Price drop: {{product_name}} now {{new_price}}",
                body: """
                Good news: {{product_name}} ({{sku}}) dropped from {{old_price}} to {{new_price}}.

                You get this message because you opted in to offers. Switch off price drops in your notification preferences.
                """),
            "de": Source(
                subject: "Preissenkung: {{product_name}} jetzt {{new_price}}",
                body: """
                Gute Nachricht: {{product_name}} ({{sku}}) kostet statt {{old_price}} jetzt nur noch {{new_price}}.

                Du erhältst diese Nachricht, weil du Angebote abonniert hast. Preissenkungen kannst du in deinen Benachrichtigungseinstellungen abschalten.
                """),
        ],
    ]

    /// The locale every kind has.
    public static let fallbackLocale = "en"
}

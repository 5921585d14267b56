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
    /// After `order-confirmed`; values: `name`, `order`, `total`.
    case orderConfirmed = "order_confirmed"
    /// After `order-cancelled`; values: `name`, `order`, `reason` (already in the recipient's language).
    case orderCancelled = "order_cancelled"
    /// After `payment-refunded`; values: `name`, `order`, `amount`.
    case paymentRefunded = "payment_refunded"
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
        .orderConfirmed: [
            "en": Source(
                subject: "Order {{order}} confirmed",
                body: """
                Hello {{name}},

                thank you for your order {{order}}. We received your payment of {{total}} and are preparing it for shipping.

                The Mercato team
                """),
            "de": Source(
                subject: "Bestellung {{order}} bestätigt",
                body: """
                Hallo {{name}},

                danke für deine Bestellung {{order}}. Deine Zahlung über {{total}} ist eingegangen; wir bereiten den Versand vor.

                Dein Mercato-Team
                """),
        ],
        .orderCancelled: [
            "en": Source(
                subject: "Order {{order}} cancelled",
                body: """
                Hello {{name}},

                your order {{order}} was cancelled: {{reason}}. Any amount charged for it is refunded.

                The Mercato team
                """),
            "de": Source(
                subject: "Bestellung {{order}} storniert",
                body: """
                Hallo {{name}},

                deine Bestellung {{order}} wurde storniert: {{reason}}. Ein bereits bezahlter Betrag wird erstattet.

                Dein Mercato-Team
                """),
        ],
        .paymentRefunded: [
            "en": Source(
                subject: "Refund of {{amount}} for order {{order}}",
                body: """
                Hello {{name}},

                we refunded {{amount}} for order {{order}} to your card. It can take a few days to appear on your statement.

                The Mercato team
                """),
            "de": Source(
                subject: "Erstattung von {{amount}} für Bestellung {{order}}",
                body: """
                Hallo {{name}},

                wir haben {{amount}} für Bestellung {{order}} auf deine Karte erstattet. Bis zur Gutschrift können einige Tage vergehen.

                Dein Mercato-Team
                """),
        ],
    ]

    /// The locale every kind has.
    public static let fallbackLocale = "en"
}

import Contracts
import Foundation
import MercatoCore
import Messaging

/// `price-changed` with a lower price in the same currency: one price-drop notification per recipient with
/// marketing opt-in (from identity) and the `price_drop` topic on, written by a single INSERT … SELECT.
/// The message is rendered once per template locale and joined to each recipient's locale in SQL (exact, then
/// language, then `en`), which is why price-drop templates carry no per-recipient values. The channel rules
/// are `DeliveryRules.channels(for: .priceDrop, …)` expressed in SQL.
struct PriceDropFanOut: Sendable {
    let renderer: NotificationRenderer
    let instruments: NotificationInstruments

    /// Applies one `price-changed` event.
    func apply(_ event: ReceivedEvent<PriceChanged>, on connection: DatabaseConnection) async throws {
        let change = event.payload
        guard change.oldPrice.amount >= 0, change.newPrice.amount >= 0 else {
            throw PermanentEventFailure("price-changed with a negative amount")
        }
        guard DeliveryRules.isPriceDrop(oldAmount: change.oldPrice.amount, oldCurrency: change.oldPrice.currency,
                                        newAmount: change.newPrice.amount, newCurrency: change.newPrice.currency)
        else { return }
        let values = [
            "product_name": change.productName, "sku": change.sku,
            "old_price": PriceText.format(amount: change.oldPrice.amount, currency: change.oldPrice.currency),
            "new_price": PriceText.format(amount: change.newPrice.amount, currency: change.newPrice.currency),
        ]
        let messages = renderer.renderAllLocales(.priceDrop, values: values)
        let rows = try await connection.run("""
            WITH messages AS (
                SELECT * FROM unnest(\(messages.map(\.locale)), \(messages.map(\.message.subject)), \(messages.map(\.message.body)))
                    AS m(locale, subject, body)),
            targets AS (
                SELECT r.user_id, r.email, r.channels, COALESCE(
                    (SELECT m.locale FROM messages m WHERE m.locale = lower(replace(r.locale, '_', '-'))),
                    (SELECT m.locale FROM messages m WHERE m.locale = split_part(lower(replace(r.locale, '_', '-')), '-', 1)),
                    \(NotificationTemplates.fallbackLocale)) AS locale
                FROM recipients r LEFT JOIN notification_preferences p ON p.user_id = r.user_id
                WHERE r.marketing_opt_in AND NOT r.disabled AND NOT r.deleted AND COALESCE(p.price_drop, true)),
            inserted AS (
                INSERT INTO notifications (id, user_id, event_id, event_type, topic, channel, address, subject, body, status, next_attempt_at)
                SELECT gen_random_uuid(), t.user_id, \(event.id), \(event.type), 'price_drop', c.channel,
                       CASE c.channel WHEN 'email' THEN t.email END, m.subject, m.body,
                       CASE c.channel WHEN 'email' THEN 'pending' ELSE 'delivered' END,
                       CASE c.channel WHEN 'email' THEN now() END
                FROM targets t JOIN messages m ON m.locale = t.locale
                CROSS JOIN (VALUES ('in_app'), ('email')) AS c(channel)
                WHERE c.channel = 'in_app' OR ('email' = ANY(t.channels) AND t.email <> '')
                ON CONFLICT ON CONSTRAINT notifications_event_user_channel DO NOTHING
                RETURNING id, user_id, channel)
            \(unescaped: NotificationSignals.notifyInserted)
            """)
        instruments.record(try NotificationWriter.counts(rows), eventType: event.type)
    }
}

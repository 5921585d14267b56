import Contracts
import Foundation
import MercatoCore
import Messaging

/// Order updates for the customer (topic `orders`): confirmation, cancellation with its reason, refund. Each is
/// written in the event's inbox transaction; a customer this service has no contact copy of (not yet registered
/// here, or deleted) gets nothing, and the event still counts as handled.
struct OrderEventEffects: Sendable {
    let renderer: NotificationRenderer
    let instruments: NotificationInstruments

    /// `order-confirmed`.
    func confirmed(_ event: ReceivedEvent<OrderConfirmed>, on connection: DatabaseConnection) async throws {
        let order = event.payload
        try await notify(order.customerID, kind: .orderConfirmed, event: event.id, type: event.type, on: connection) { _ in
            ["order": Self.reference(order.orderID), "total": PriceText.format(amount: order.total.amount, currency: order.total.currency)]
        }
    }

    /// `order-cancelled`.
    func cancelled(_ event: ReceivedEvent<OrderCancelled>, on connection: DatabaseConnection) async throws {
        let order = event.payload
        try await notify(order.customerID, kind: .orderCancelled, event: event.id, type: event.type, on: connection) { locale in
            ["order": Self.reference(order.orderID), "reason": CancellationReasonText.text(order.reason, locale: locale)]
        }
    }

    /// `payment-refunded`.
    func refunded(_ event: ReceivedEvent<PaymentRefunded>, on connection: DatabaseConnection) async throws {
        let refund = event.payload
        try await notify(refund.customerID, kind: .paymentRefunded, event: event.id, type: event.type, on: connection) { _ in
            ["order": Self.reference(refund.orderID), "amount": PriceText.format(amount: refund.amount.amount, currency: refund.amount.currency)]
        }
    }

    /// Renders `kind` in the recipient's locale with `values(locale)` plus `name`, and writes it on the channels
    /// the `orders` topic allows.
    private func notify(_ customer: UUID, kind: MessageKind, event: UUID, type: String, on connection: DatabaseConnection,
                        values: (String) -> [String: String]) async throws {
        guard let recipient = try await RecipientWriter.find(customer, on: connection) else { return }
        let switches = try await PreferenceStore.switches(of: customer, on: connection)
        let locale = renderer.resolvedLocale(recipient.locale, for: kind)
        var filled = values(locale)
        filled["name"] = recipient.name.isEmpty ? recipient.email : recipient.name
        let message = renderer.render(kind, locale: locale, values: filled)
        let drafts = DeliveryRules.channels(for: .orders, recipient: recipient, switches: switches).map { channel in
            NotificationDraft(userID: customer, topic: .orders, channel: channel,
                              address: channel == .email ? recipient.email : nil, message: message)
        }
        let counts = try await NotificationWriter.insert(drafts, eventID: event, eventType: type, on: connection)
        instruments.record(counts, eventType: type)
    }

    /// The short order reference customers see: the first 8 hex digits of the id, upper-cased.
    static func reference(_ id: UUID) -> String { String(id.uuidString.prefix(8)) }
}

import Contracts
import Messaging

/// The events this service consumes: identity's `user-registered`, `user-updated`, `user-deleted`, catalog's
/// `price-changed`, orders' `order-confirmed` and `order-cancelled`, and payments' `payment-refunded`. Catalog's product-created/updated/deleted and stock-updated produce no notification, so no
/// handler is registered for them and the consumer does not bind them.
enum NotificationEventHandlers {
    /// The handlers, each running inside the transaction that claims the event in the inbox.
    static func make(renderer: NotificationRenderer) -> EventHandlers {
        let instruments = NotificationInstruments()
        let account = AccountEventEffects(renderer: renderer, instruments: instruments)
        let priceDrops = PriceDropFanOut(renderer: renderer, instruments: instruments)
        let orders = OrderEventEffects(renderer: renderer, instruments: instruments)
        var handlers = EventHandlers()
        handlers.on(UserRegistered.self) { event, connection in try await account.registered(event, on: connection) }
        handlers.on(UserUpdated.self) { event, connection in try await account.updated(event, on: connection) }
        handlers.on(UserDeleted.self) { event, connection in try await account.deleted(event, on: connection) }
        handlers.on(PriceChanged.self) { event, connection in try await priceDrops.apply(event, on: connection) }
        handlers.on(OrderConfirmed.self) { event, connection in try await orders.confirmed(event, on: connection) }
        handlers.on(OrderCancelled.self) { event, connection in try await orders.cancelled(event, on: connection) }
        handlers.on(PaymentRefunded.self) { event, connection in try await orders.refunded(event, on: connection) }
        return handlers
    }
}

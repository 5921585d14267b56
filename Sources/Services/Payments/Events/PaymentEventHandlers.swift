import Contracts
import Logging
import Messaging

/// The events payments consumes: orders' `payment-requested` (charge) and `order-cancelled` (refund or remember).
enum PaymentEventHandlers {
    /// The handlers, each running inside the transaction that claims the event in the inbox.
    static func make(client: ProviderClient, logger: Logger) -> EventHandlers {
        let charge = ChargeEffect(client: client, instruments: client.instruments, logger: logger)
        let refund = RefundEffect(client: client, instruments: client.instruments, logger: logger)
        var handlers = EventHandlers()
        handlers.on(PaymentRequested.self) { event, connection in try await charge.apply(event, on: connection) }
        handlers.on(OrderCancelled.self) { event, connection in try await refund.apply(event, on: connection) }
        return handlers
    }
}

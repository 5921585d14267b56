import Contracts
import Messaging

/// The order saga's events catalog consumes: order-created reserves, order-confirmed commits, order-cancelled
/// releases. Each handler runs inside the transaction that claims the event in the inbox.
enum CatalogEventHandlers {
    /// The handlers over `reservations`.
    static func make(reservations: ReservationStore) -> EventHandlers {
        var handlers = EventHandlers()
        handlers.on(OrderCreated.self) { event, connection in
            let lines = event.payload.lines.map { StockLine(productID: $0.productID, quantity: $0.quantity) }
            try await reservations.reserve(orderID: event.payload.orderID, lines: lines, on: connection)
        }
        handlers.on(OrderConfirmed.self) { event, connection in
            try await reservations.confirm(orderID: event.payload.orderID, on: connection)
        }
        handlers.on(OrderCancelled.self) { event, connection in
            try await reservations.cancel(orderID: event.payload.orderID, on: connection)
        }
        return handlers
    }
}

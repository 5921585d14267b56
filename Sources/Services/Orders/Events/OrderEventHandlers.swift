import Contracts
import Foundation
import MercatoCore
import Messaging

/// The events orders consumes (queue `orders.events`): catalog's stock-reserved, stock-reservation-failed and
/// reservation-expired, payments' payment-succeeded and payment-failed. Each locks its order, runs the saga and
/// writes the outcome in the inbox transaction, so a redelivery has no second effect.
enum OrderEventHandlers {
    /// The handlers, writing through `transitions`.
    static func make(transitions: OrderTransitions) -> EventHandlers {
        var handlers = EventHandlers()
        handlers.on(StockReserved.self) { event, connection in
            try await drive(event.payload.orderID, .stockReserved, transitions: transitions, on: connection)
        }
        handlers.on(StockReservationFailed.self) { event, connection in
            try await drive(event.payload.orderID, .stockReservationFailed, detail: outOfStockDetail(event.payload.failedLines),
                            transitions: transitions, on: connection)
        }
        handlers.on(ReservationExpired.self) { event, connection in
            try await drive(event.payload.orderID, .reservationExpired, transitions: transitions, on: connection)
        }
        handlers.on(PaymentSucceeded.self) { event, connection in
            try await drive(event.payload.orderID, .paymentSucceeded, transitions: transitions, on: connection)
        }
        handlers.on(PaymentFailed.self) { event, connection in
            let payload = event.payload
            try await drive(payload.orderID, .paymentFailed(payload.code), detail: payload.detail ?? payload.code.rawValue,
                            transitions: transitions, on: connection)
        }
        return handlers
    }

    /// Locks order `orderID` and applies `input`; an event about an order this service never stored cannot succeed
    /// on a retry (the order is written before order-created goes out), so it goes to the dead-letter queue.
    static func drive(_ orderID: UUID, _ input: OrderSagaInput, detail: String? = nil, transitions: OrderTransitions,
                      on connection: DatabaseConnection) async throws {
        guard let order = try await OrderStore.lock(orderID, on: connection) else {
            throw PermanentEventFailure("no order \(orderID)")
        }
        try await transitions.apply(input, to: order, detail: detail, on: connection)
    }

    /// `product <id>: requested 3, available 1; …` for the lines catalog could not hold.
    static func outOfStockDetail(_ lines: [UnavailableLine]) -> String {
        lines.map { "product \($0.productID.uuidString.lowercased()): requested \($0.requested), available \($0.available)" }
            .joined(separator: "; ")
    }
}

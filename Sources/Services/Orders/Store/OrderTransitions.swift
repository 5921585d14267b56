import Contracts
import Foundation
import MercatoCore
import Messaging

/// Runs the saga on a locked order and writes what it decided, in the caller's transaction: the new status
/// (with the cancellation reason and detail), a history row and every emitted event in the outbox.
struct OrderTransitions: Sendable {
    let metrics: OrderMetrics

    /// Applies `input` to `order` (locked by the caller); `detail` is stored with a cancellation. Returns the outcome
    /// and the order as it now stands.
    @discardableResult
    func apply(_ input: OrderSagaInput, to order: Order, detail: String? = nil, on connection: DatabaseConnection) async throws
        -> (outcome: OrderSagaOutcome, order: Order)
    {
        let outcome = OrderSaga.decide(order.status, input)
        guard case .transition(let next, let emissions) = outcome else { return (outcome, order) }
        var reason: CancellationReason?
        for case .orderCancelled(let cancelled) in emissions { reason = cancelled }
        let rows = try await connection.run("""
            UPDATE orders SET status = \(next.rawValue), updated_at = clock_timestamp(), version = version + 1,
                cancellation_reason = \(reason?.rawValue), cancellation_detail = \(reason == nil ? nil : detail)
            WHERE id = \(order.id) RETURNING updated_at
            """)
        let updatedAt = try rows.first?.decode(Date.self) ?? Date()
        try await connection.run("""
            INSERT INTO order_status_history (order_id, from_status, to_status, reason, at)
            VALUES (\(order.id), \(order.status.rawValue), \(next.rawValue), \(reason?.rawValue), \(updatedAt))
            """)
        var updated = order
        updated.status = next
        updated.updatedAt = updatedAt
        updated.cancellationReason = reason
        updated.cancellationDetail = reason == nil ? nil : detail
        for emission in emissions {
            try await enqueue(emission, for: updated, on: connection)
        }
        metrics.recordTransition(from: order.status, to: next, placedAt: order.createdAt, at: updatedAt)
        return (outcome, updated)
    }

    /// Writes the event for `emission` about `order` into the outbox (subject: the order id).
    func enqueue(_ emission: OrderSagaEmission, for order: Order, on connection: DatabaseConnection) async throws {
        let subject = order.id.uuidString.lowercased()
        switch emission {
        case .paymentRequested:
            try await Outbox.enqueue(PaymentRequested(orderID: order.id, customerID: order.customerID, amount: order.total,
                                                      method: order.payment.method, token: order.payment.token),
                                     subject: subject, on: connection)
        case .orderConfirmed:
            try await Outbox.enqueue(OrderConfirmed(orderID: order.id, customerID: order.customerID, total: order.total),
                                     subject: subject, on: connection)
        case .orderCancelled(let reason):
            try await Outbox.enqueue(OrderCancelled(orderID: order.id, customerID: order.customerID, reason: reason,
                                                    detail: order.cancellationDetail, total: order.total),
                                     subject: subject, on: connection)
        case .statusUpdated(let from, let to, let reason):
            try await Outbox.enqueue(OrderStatusUpdated(orderID: order.id, customerID: order.customerID, previousStatus: from,
                                                        status: to, reason: reason),
                                     subject: subject, on: connection)
        }
    }
}

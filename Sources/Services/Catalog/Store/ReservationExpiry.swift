import Contracts
import Foundation
import MercatoCore
import Messaging
import PostgresNIO

/// Gives back holds past their expiry, a batch per transaction. `FOR UPDATE SKIP LOCKED` lets several replicas
/// sweep at once without waiting on each other, and skips a reservation an order event is changing right now
/// (that event sees the state the sweep leaves, or the sweep finds it changed next time).
enum ReservationExpiry {
    /// Expires up to `limit` held reservations whose `expires_at` has passed: reserved −= q per line, state
    /// `expired`, `reservation-expired` per order and `stock-updated` per product. Returns how many expired.
    static func expireBatch(limit: Int, on connection: DatabaseConnection) async throws -> Int {
        let due = try await connection.run("""
            SELECT order_id FROM reservations WHERE state = \(ReservationState.held.rawValue) AND expires_at <= now()
            ORDER BY expires_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        let orderIDs = try due.map { try $0.decode(UUID.self) }
        guard !orderIDs.isEmpty else { return 0 }
        let rows = try await connection.run("""
            SELECT order_id, product_id, quantity FROM reservation_lines WHERE order_id = ANY(\(orderIDs)) ORDER BY order_id, product_id
            """)
        var linesByOrder: [UUID: [ReservedLine]] = [:]
        for row in rows {
            let (order, product, quantity) = try row.decode((UUID, UUID, Int64).self)
            linesByOrder[order, default: []].append(ReservedLine(productID: product, quantity: quantity))
        }
        let perProduct = ReservationRequest.totals(linesByOrder.values.flatMap { $0 })
        _ = try await ReservationStock.lock(perProduct.map(\.productID), on: connection)
        try await ReservationStock.apply(.expire, to: perProduct, orderID: nil, on: connection)
        try await ReservationStore.setState(.expired, of: orderIDs, on: connection)
        for orderID in orderIDs {
            let lines = (linesByOrder[orderID] ?? []).map(\.stockLine)
            try await Outbox.enqueue(ReservationExpired(orderID: orderID, lines: lines), subject: CatalogEvents.subject(orderID), on: connection)
        }
        return orderIDs.count
    }
}

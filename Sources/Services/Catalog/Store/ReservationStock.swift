import Contracts
import Foundation
import MercatoCore
import PostgresNIO

/// Stock rows as reservations change them, on the caller's transaction. Rows are always locked in product id
/// order (the only order any catalog transaction locks several stock rows in), so concurrent reservations,
/// commits, releases and the expiry job never deadlock; the CHECK constraints on `stock` stay the last word.
enum ReservationStock {
    /// Locks the stock rows of `productIDs` in product id order; products without a row are absent.
    static func lock(_ productIDs: [UUID], on connection: DatabaseConnection) async throws -> [UUID: ReservableStock] {
        let rows = try await connection.run("""
            SELECT s.product_id, s.on_hand, s.reserved, p.status = 'active'
            FROM stock s JOIN products p ON p.id = s.product_id
            WHERE s.product_id = ANY(\(productIDs))
            ORDER BY s.product_id FOR UPDATE OF s
            """)
        var stock: [UUID: ReservableStock] = [:]
        for row in rows {
            let (id, onHand, reserved, active) = try row.decode((UUID, Int64, Int64, Bool).self)
            stock[id] = ReservableStock(onHand: onHand, reserved: reserved, isActive: active)
        }
        return stock
    }

    /// Applies `effect` to each line's (already locked) stock row, appends the ledger movements it implies
    /// (referencing `orderID`), and announces each change with `stock-updated`.
    static func apply(_ effect: StockEffect, to lines: [ReservedLine], orderID: UUID?, on connection: DatabaseConnection) async throws {
        guard !lines.isEmpty else { return }
        let ids = lines.map(\.productID)
        let onHandDeltas = lines.map { effect.onHandDelta($0.quantity) }
        let reservedDeltas = lines.map { effect.reservedDelta($0.quantity) }
        let rows = try await connection.run("""
            UPDATE stock s SET on_hand = s.on_hand + v.on_hand_delta, reserved = s.reserved + v.reserved_delta, updated_at = now()
            FROM unnest(\(ids)::uuid[], \(onHandDeltas)::int8[], \(reservedDeltas)::int8[]) AS v(product_id, on_hand_delta, reserved_delta)
            WHERE s.product_id = v.product_id
            RETURNING s.product_id, s.on_hand, s.reserved
            """)
        var levels: [UUID: StockLevel] = [:]
        for row in rows {
            let (id, onHand, reserved) = try row.decode((UUID, Int64, Int64).self)
            levels[id] = StockLevel(onHand: onHand, reserved: reserved)
        }
        if let reason = effect.ledgerReason, let orderID {
            let after = ids.map { levels[$0]?.onHand ?? 0 }
            try await connection.run("""
                INSERT INTO stock_movements (product_id, delta, reason, on_hand_after, actor, order_id)
                SELECT v.product_id, v.delta, \(reason), v.on_hand_after, \("order:" + CatalogEvents.subject(orderID)), \(orderID)
                FROM unnest(\(ids)::uuid[], \(onHandDeltas)::int8[], \(after)::int8[]) AS v(product_id, delta, on_hand_after)
                """)
        }
        for line in lines {
            guard let level = levels[line.productID] else { continue }
            try await CatalogEvents.stockMoved(productID: line.productID, delta: effect.onHandDelta(line.quantity), reason: effect.eventReason,
                                               onHand: level.onHand, reserved: level.reserved, on: connection)
        }
    }
}

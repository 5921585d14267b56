import Foundation
import MercatoCore
import PostgresNIO

/// Stock rows in PostgreSQL. The CHECK constraints on `stock` are the authority on "never negative";
/// the row lock taken by the UPDATE serialises concurrent adjustments of one product.
struct StockStore: Sendable {
    let database: Database

    /// Product `id`'s stock, or nil when there is no such product.
    func level(_ id: UUID) async throws -> StockLevel? {
        let rows = try await database.query("SELECT on_hand, reserved FROM stock WHERE product_id = \(id)")
        return try rows.first.map { row in
            let (onHand, reserved) = try row.decode((Int64, Int64).self)
            return StockLevel(onHand: onHand, reserved: reserved)
        }
    }

    /// Adds `delta` on hand and appends the movement, in one transaction: 404 for an unknown product,
    /// 409 when the database refuses the resulting figures.
    func adjust(_ id: UUID, delta: Int64, reason: AdjustmentReason, actor: String) async throws -> (StockMovement, StockLevel) {
        try await database.withTransaction { connection in
            let rows: [PostgresRow]
            do {
                rows = try await connection.run("""
                    UPDATE stock SET on_hand = on_hand + \(delta), updated_at = now()
                    WHERE product_id = \(id) RETURNING on_hand, reserved
                    """)
            } catch where DatabaseError.isCheckViolation(error) {
                throw StockAdjustmentInput.insufficientStock(delta: delta)
            }
            guard let row = rows.first else { throw Problem.notFound("No product with this id.") }
            let (onHand, reserved) = try row.decode((Int64, Int64).self)
            let movement = try await connection.run("""
                INSERT INTO stock_movements (product_id, delta, reason, on_hand_after, actor)
                VALUES (\(id), \(delta), \(reason.rawValue), \(onHand), \(actor))
                RETURNING id, delta, reason, on_hand_after, actor, created_at
                """)
            try await CatalogEvents.stockMoved(productID: id, delta: delta, reason: reason.rawValue, onHand: onHand, reserved: reserved,
                                               on: connection)
            return (try LedgerStore.movement(movement[0]), StockLevel(onHand: onHand, reserved: reserved))
        }
    }
}

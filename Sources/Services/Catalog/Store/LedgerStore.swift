import Foundation
import MercatoCore
import PostgresNIO

/// One price change, as recorded in `price_history` and shown on the wire (the product is in the path).
struct PriceChange: Encodable, Sendable, Equatable {
    var id: Int64
    var oldPrice: Money
    var newPrice: Money
    var changedBy: String
    var changedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, oldPrice = "old_price", newPrice = "new_price", changedBy = "changed_by", changedAt = "changed_at"
    }
}

/// One stock movement, as recorded in `stock_movements` and shown on the wire (the product is in the path).
struct StockMovement: Encodable, Sendable, Equatable {
    var id: Int64
    var delta: Int64
    var reason: String
    var onHandAfter: Int64
    var actor: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, delta, reason, actor, onHandAfter = "on_hand_after", createdAt = "created_at"
    }
}

/// The append-only ledgers: price history and stock movements, read newest first by sequence id.
struct LedgerStore: Sendable {
    let database: Database

    /// A page of product `id`'s price changes.
    func priceHistory(_ id: UUID, page: LedgerPageQuery) async throws -> (items: [PriceChange], nextCursor: String?) {
        let rows = try await database.query("""
            SELECT id, old_amount, old_currency, new_amount, new_currency, changed_by, changed_at
            FROM price_history WHERE product_id = \(id) AND id < \(page.before ?? Int64.max)
            ORDER BY id DESC LIMIT \(page.limit + 1)
            """)
        let changes = try rows.map { row in
            let (seq, oldAmount, oldCurrency, newAmount, newCurrency, by, at) =
                try row.decode((Int64, Int64, String, Int64, String, String, Date).self)
            return PriceChange(id: seq, oldPrice: Money(amount: oldAmount, currency: oldCurrency),
                               newPrice: Money(amount: newAmount, currency: newCurrency), changedBy: by, changedAt: at)
        }
        return page.page(changes, id: \.id)
    }

    /// A page of product `id`'s stock movements.
    func movements(_ id: UUID, page: LedgerPageQuery) async throws -> (items: [StockMovement], nextCursor: String?) {
        let rows = try await database.query("""
            SELECT id, delta, reason, on_hand_after, actor, created_at
            FROM stock_movements WHERE product_id = \(id) AND id < \(page.before ?? Int64.max)
            ORDER BY id DESC LIMIT \(page.limit + 1)
            """)
        return page.page(try rows.map(Self.movement), id: \.id)
    }

    static func movement(_ row: PostgresRow) throws -> StockMovement {
        let (seq, delta, reason, after, actor, at) = try row.decode((Int64, Int64, String, Int64, String, Date).self)
        return StockMovement(id: seq, delta: delta, reason: reason, onHandAfter: after, actor: actor, createdAt: at)
    }
}

import Contracts
import Foundation
import MercatoCore
import Messaging
import PostgresNIO

/// Read-only figures for `mercato check`, keyset-paged by id.
struct AuditStore: Sendable {
    let database: Database

    /// A page of every product's stock, the sum of its ledger movements and its units in held reservations, by
    /// product id. One statement, so `reserved` and `held` come from the same snapshot. `held` is grouped once per
    /// page from the held reservations (the partial index on held ones, then the lines' primary key): its cost
    /// follows the reservations in flight, not every order the product was ever in.
    func stock(_ page: AuditPageRequest) async throws -> AuditPage<StockAudit> {
        let after = try page.cursor.map { try PageCursor.decode(UUID.self, from: $0) }
        let rows = try await database.query("""
            WITH page AS (
                SELECT s.product_id, s.on_hand, s.reserved FROM stock s
                WHERE \(after)::uuid IS NULL OR s.product_id > \(after)
                ORDER BY s.product_id LIMIT \(page.limit + 1)),
            held AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM reservations r JOIN reservation_lines l USING (order_id)
                WHERE r.state = 'held' AND l.product_id IN (SELECT product_id FROM page)
                GROUP BY l.product_id)
            SELECT p.product_id, p.on_hand, p.reserved,
                   COALESCE((SELECT sum(m.delta) FROM stock_movements m WHERE m.product_id = p.product_id), 0)::int8,
                   COALESCE(h.units, 0)::int8
            FROM page p LEFT JOIN held h USING (product_id)
            ORDER BY p.product_id
            """)
        let items = try rows.map { row in
            let (id, onHand, reserved, ledger, held) = try row.decode((UUID, Int64, Int64, Int64, Int64).self)
            return StockAudit(productID: id, onHand: Int(onHand), reserved: Int(reserved), available: Int(onHand - reserved),
                              ledgerSum: Int(ledger), held: Int(held))
        }
        return Self.page(items, limit: page.limit, id: \.productID)
    }

    /// A page of every order's reservation with the units it still holds, by order id.
    func reservations(_ page: AuditPageRequest) async throws -> AuditPage<ReservationAudit> {
        let after = try page.cursor.map { try PageCursor.decode(UUID.self, from: $0) }
        let rows = try await database.query("""
            SELECT r.order_id, r.state, r.expires_at,
                   CASE WHEN r.state = 'held'
                        THEN (SELECT COALESCE(sum(l.quantity), 0) FROM reservation_lines l WHERE l.order_id = r.order_id) ELSE 0 END::int8
            FROM reservations r WHERE \(after)::uuid IS NULL OR r.order_id > \(after)
            ORDER BY r.order_id LIMIT \(page.limit + 1)
            """)
        let items = try rows.map { row in
            let (id, state, expiresAt, held) = try row.decode((UUID, String, Date, Int64).self)
            return ReservationAudit(orderID: id, state: ReservationState(rawValue: state) ?? .released, heldUnits: Int(held), expiresAt: expiresAt)
        }
        return Self.page(items, limit: page.limit, id: \.orderID)
    }

    /// The first `limit` of `items` (fetched one extra) with the cursor after the last when more follow.
    static func page<Item>(_ items: [Item], limit: Int, id: KeyPath<Item, UUID>) -> AuditPage<Item> {
        guard items.count > limit else { return AuditPage(items: items, nextCursor: nil) }
        let shown = Array(items.prefix(limit))
        return AuditPage(items: shown, nextCursor: shown.last.map { PageCursor.encode($0[keyPath: id]) })
    }
}

import Contracts
import Foundation
import MercatoCore
import PostgresNIO

/// Reads and writes orders, their lines and status history.
struct OrderStore: Sendable {
    let database: Database

    /// Inserts a new PENDING `order` with its lines and the first history row.
    static func insert(_ order: Order, on connection: DatabaseConnection) async throws {
        let address = order.shippingAddress
        try await connection.run("""
            INSERT INTO orders (id, customer_id, status, total_amount, total_currency, ship_name, ship_line1, ship_line2, ship_city,
                                ship_postal_code, ship_country, payment_method, payment_token, created_at, updated_at)
            VALUES (\(order.id), \(order.customerID), \(order.status.rawValue), \(Int64(order.total.amount)), \(order.total.currency),
                    \(address.name), \(address.line1), \(address.line2), \(address.city), \(address.postalCode), \(address.country),
                    \(order.payment.method), \(order.payment.token), \(order.createdAt), \(order.updatedAt))
            """)
        let positions = Array(0..<order.lines.count)
        try await connection.run("""
            INSERT INTO order_lines (order_id, position, product_id, sku, name, quantity, unit_amount, unit_currency)
            SELECT \(order.id), * FROM unnest(\(positions), \(order.lines.map(\.productID)), \(order.lines.map(\.sku)),
                                              \(order.lines.map(\.name)), \(order.lines.map(\.quantity)),
                                              \(order.lines.map { Int64($0.unitPrice.amount) }), \(order.lines.map(\.unitPrice.currency)))
            """)
        try await connection.run("""
            INSERT INTO order_status_history (order_id, from_status, to_status, at)
            VALUES (\(order.id), NULL, \(order.status.rawValue), \(order.createdAt))
            """)
    }

    /// The order `id` with its lines, or nil.
    func find(_ id: UUID) async throws -> Order? {
        try await database.withConnection { connection in
            let rows = try await connection.run("SELECT \(unescaped: OrderRow.columns) FROM orders WHERE id = \(id)")
            guard let row = rows.first else { return nil }
            return try await OrderRow.withLines([try OrderRow.order(from: row)], on: connection).first
        }
    }

    /// The order `id` locked for the rest of the caller's transaction (without lines), or nil.
    static func lock(_ id: UUID, on connection: DatabaseConnection) async throws -> Order? {
        let rows = try await connection.run("SELECT \(unescaped: OrderRow.columns) FROM orders WHERE id = \(id) FOR UPDATE")
        return try rows.first.map(OrderRow.order(from:))
    }

    /// Every status change of order `id`, oldest first.
    func history(of id: UUID) async throws -> [OrderStatusChange] {
        let rows = try await database.query("""
            SELECT from_status, to_status, reason, at FROM order_status_history WHERE order_id = \(id) ORDER BY id
            """)
        return try rows.map { row in
            let (from, to, reason, at) = try row.decode((String?, String, String?, Date).self)
            guard let status = OrderStatusName(rawValue: to) else { throw OrderRowError(id: id) }
            return OrderStatusChange(from: from.flatMap(OrderStatusName.init(rawValue:)), to: status,
                                     reason: reason.flatMap(CancellationReason.init(rawValue:)), at: at)
        }
    }

    /// One page of orders, newest first, with their lines.
    func page(_ query: OrderListQuery) async throws -> (items: [Order], nextCursor: String?) {
        try await database.withConnection { connection in
            let microseconds = query.cursor?.createdAt
            let rows = try await connection.run("""
                SELECT \(unescaped: OrderRow.columns), (EXTRACT(EPOCH FROM created_at) * 1000000)::bigint FROM orders
                WHERE (\(query.customerID)::uuid IS NULL OR customer_id = \(query.customerID))
                  AND (\(query.status?.rawValue)::text IS NULL OR status = \(query.status?.rawValue))
                  AND (\(microseconds)::bigint IS NULL
                       OR (created_at, id) < ('epoch'::timestamptz + \(microseconds)::bigint * interval '1 microsecond', \(query.cursor?.id)::uuid))
                ORDER BY created_at DESC, id DESC LIMIT \(query.limit + 1)
                """)
            var orders: [Order] = []
            var lastKey: Int64 = 0
            for row in rows.prefix(query.limit) {
                orders.append(try OrderRow.order(from: row))
                lastKey = try row.makeRandomAccess()[17].decode(Int64.self)
            }
            let items = try await OrderRow.withLines(orders, on: connection)
            guard rows.count > query.limit, let last = items.last else { return (items, nil) }
            return (items, PageCursor.encode(OrderCursor(createdAt: lastKey, id: last.id)))
        }
    }
}

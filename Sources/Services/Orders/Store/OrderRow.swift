import Contracts
import Foundation
import MercatoCore
import PostgresNIO

/// Decoding of `orders` rows and `order_lines` rows.
enum OrderRow {
    /// The `orders` columns `order(from:)` decodes, in order.
    static let columns = """
        id, customer_id, status, total_amount, total_currency, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, \
        ship_country, payment_method, payment_token, cancellation_reason, cancellation_detail, created_at, updated_at
        """

    /// An order (without lines) from a row of exactly `columns`.
    static func order(from row: PostgresRow) throws -> Order {
        let head = try row.decode((UUID, UUID, String, Int64, String, String, String, String?, String, String, String, String, String,
                                   String?, String?, Date, Date).self)
        let (id, customer, status, amount, currency, name, line1, line2, city, postal, country, method, token, reason, detail,
             created, updated) = head
        guard let status = OrderStatusName(rawValue: status) else { throw OrderRowError(id: id) }
        let cancellation: CancellationReason?
        if let reason {
            guard let known = CancellationReason(rawValue: reason) else { throw OrderRowError(id: id) }
            cancellation = known
        } else {
            cancellation = nil
        }
        return Order(id: id, customerID: customer, status: status, lines: [], total: EventMoney(amount: Int(amount), currency: currency),
                     shippingAddress: ShippingAddress(name: name, line1: line1, line2: line2, city: city, postalCode: postal, country: country),
                     payment: .init(method: method, token: token), cancellationReason: cancellation, cancellationDetail: detail,
                     createdAt: created, updatedAt: updated)
    }

    /// The lines of the orders `ids`, grouped by order id, each in its original order.
    static func lines(of ids: [UUID], on connection: DatabaseConnection) async throws -> [UUID: [QuotedLine]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.run("""
            SELECT order_id, product_id, sku, name, quantity, unit_amount, unit_currency FROM order_lines
            WHERE order_id = ANY(\(ids)) ORDER BY order_id, position
            """)
        var grouped: [UUID: [QuotedLine]] = [:]
        for row in rows {
            let (order, product, sku, name, quantity, unit, currency) = try row.decode((UUID, UUID, String, String, Int, Int64, String).self)
            grouped[order, default: []].append(QuotedLine(
                productID: product, sku: sku, name: name, quantity: quantity, unitPrice: EventMoney(amount: Int(unit), currency: currency),
                lineTotal: EventMoney(amount: Int(unit) * quantity, currency: currency)))
        }
        return grouped
    }

    /// `orders` with their lines filled in.
    static func withLines(_ orders: [Order], on connection: DatabaseConnection) async throws -> [Order] {
        let lines = try await self.lines(of: orders.map(\.id), on: connection)
        return orders.map { order in
            var order = order
            order.lines = lines[order.id] ?? []
            return order
        }
    }
}

/// A stored row holds a value the schema's checks should have refused.
struct OrderRowError: Error, CustomStringConvertible {
    var id: UUID
    var description: String { "order \(id) has an unknown status or cancellation reason" }
}

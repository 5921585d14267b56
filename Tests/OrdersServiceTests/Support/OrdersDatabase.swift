import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
@testable import OrdersService

/// A fresh database with the orders schema, its pool running for the duration of `body`.
func withOrdersDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
    try await TestPostgres.withMigratedDatabase(prefix: "orders", migrations: OrdersService.definition.migrations, body)
}

extension Database {
    /// Stores a PENDING order of one line (2 × 1250 EUR) for `customer` paying with `token`, as placement does.
    @discardableResult
    func storeOrder(customer: UUID = UUID(), token: String = "tok_visa", status: OrderStatusName = .pending) async throws -> Order {
        let product = UUID()
        let order = Order(id: UUID(), customerID: customer, status: status,
                          lines: [QuotedLine(productID: product, sku: "BEAN-1", name: "Beans", quantity: 2,
                                             unitPrice: EventMoney(amount: 1250, currency: "EUR"),
                                             lineTotal: EventMoney(amount: 2500, currency: "EUR"))],
                          total: EventMoney(amount: 2500, currency: "EUR"),
                          shippingAddress: ShippingAddress(name: "Ada", line1: "L1", line2: nil, city: "Berlin", postalCode: "10115",
                                                           country: "DE"),
                          payment: .init(method: "card", token: token), cancellationReason: nil, cancellationDetail: nil,
                          createdAt: Date(), updatedAt: Date())
        try await withTransaction { connection in try await OrderStore.insert(order, on: connection) }
        return order
    }

    /// The order's status, cancellation reason and detail.
    func orderState(_ id: UUID) async throws -> (OrderStatusName, String?, String?)? {
        let rows = try await query("SELECT status, cancellation_reason, cancellation_detail FROM orders WHERE id = \(id)")
        return try rows.first.map { row in
            let (status, reason, detail) = try row.decode((String, String?, String?).self)
            return (OrderStatusName(rawValue: status) ?? .pending, reason, detail)
        }
    }

    /// The order's history as `from→to(reason)` strings, oldest first.
    func historyText(_ id: UUID) async throws -> [String] {
        try await query("SELECT from_status, to_status, reason FROM order_status_history WHERE order_id = \(id) ORDER BY id").map { row in
            let (from, to, reason) = try row.decode((String?, String, String?).self)
            return "\(from ?? "-")→\(to)" + (reason.map { "(\($0))" } ?? "")
        }
    }

    /// Outbox rows as (event name, envelope JSON), oldest first.
    func outboxEvents(subject: UUID? = nil) async throws -> [(name: String, body: String)] {
        try await query("""
            SELECT event_type, body FROM outbox WHERE \(subject?.uuidString.lowercased())::text IS NULL OR subject = \(subject?.uuidString.lowercased())
            ORDER BY seq
            """).map { row in
            let (type, body) = try row.decode((String, String).self)
            let name = type.split(separator: ".").dropFirst(2).first.map(String.init) ?? type
            return (name, body)
        }
    }

    /// The data of the outbox row `index` (of `subject`) decoded as `payload`.
    func outboxPayload<P: EventPayload>(_ payload: P.Type, subject: UUID) async throws -> P? {
        guard let row = try await outboxEvents(subject: subject).first(where: { $0.name == P.name }) else { return nil }
        return try EventCoding.decoder().decode(EventEnvelope<P>.self, from: Data(row.body.utf8)).data
    }
}

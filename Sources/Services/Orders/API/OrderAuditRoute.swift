import Contracts
import Foundation
import Hummingbird
import MercatoCore
import Messaging

/// `GET /internal/v1/audit/orders` for `mercato check`: every order's status, total and cancellation reason, and
/// whether it is stuck (PENDING or AWAITING_PAYMENT, unchanged past the saga timeout). Keyset pages by order id;
/// service tokens only (audience `orders`, scope `audit`).
struct OrderAuditRoute: Sendable {
    let database: Database
    let audience: String
    /// Seconds after which an in-flight order counts as stuck.
    let sagaTimeout: Double

    /// Registers the route.
    func add(to router: Router<AppRequestContext>) {
        router.get("/internal/v1/audit/orders") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await page(try AuditPageRequest(query: request.queryValues)))
        }
    }

    /// One page of audit records after `request.cursor`.
    func page(_ request: AuditPageRequest) async throws -> AuditPage<OrderAudit> {
        let after = try request.cursor.map { try PageCursor.decode(UUID.self, from: $0) }
        let rows = try await database.query("""
            SELECT id, status, total_amount, total_currency, cancellation_reason,
                   status IN ('PENDING', 'AWAITING_PAYMENT') AND updated_at < now() - \(sagaTimeout) * interval '1 second'
            FROM orders WHERE \(after)::uuid IS NULL OR id > \(after) ORDER BY id LIMIT \(request.limit + 1)
            """)
        var items: [OrderAudit] = []
        for row in rows.prefix(request.limit) {
            let (id, status, amount, currency, reason, stuck) = try row.decode((UUID, String, Int64, String, String?, Bool).self)
            guard let status = OrderStatusName(rawValue: status) else { throw OrderRowError(id: id) }
            items.append(OrderAudit(orderID: id, status: status, total: EventMoney(amount: Int(amount), currency: currency),
                                    cancellationReason: reason.flatMap(CancellationReason.init(rawValue:)), stuck: stuck))
        }
        let next = rows.count > request.limit ? items.last.map { PageCursor.encode($0.orderID) } : nil
        return AuditPage(items: items, nextCursor: next)
    }
}

import Contracts
import Foundation
import Hummingbird
import MercatoCore
import Messaging

/// `GET /internal/v1/audit/payments` (`AuditPage<PaymentAudit>`, keyset by order id), `GET /internal/v1/audit/ledger`
/// (`LedgerAudit`) and the outbox summary: service tokens with audience `payments` and scope `audit` only.
struct AuditRoutes: Sendable {
    let store: AuditStore
    let outbox: OutboxAuditRoute
    let audience: String

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        outbox.add(to: router)
        router.get("/internal/v1/audit/payments") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            let page = try AuditPageRequest(query: request.queryValues)
            let after = try page.cursor.map { try PageCursor.decode(AuditCursor.self, from: $0).orderID }
            let (items, more) = try await store.payments(after: after, limit: page.limit)
            let next = more ? items.last.map { PageCursor.encode(AuditCursor(orderID: $0.orderID)) } : nil
            return try JSONBody.response(AuditPage(items: items, nextCursor: next))
        }
        router.get("/internal/v1/audit/ledger") { _, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await store.ledger())
        }
    }
}

/// The position of an audit page: the last order id listed.
struct AuditCursor: Codable, Sendable {
    var orderID: UUID

    enum CodingKeys: String, CodingKey {
        case orderID = "o"
    }
}

extension Request {
    /// The query parameters as a dictionary (the last of repeated names wins).
    var queryValues: [String: String] {
        Dictionary(uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}

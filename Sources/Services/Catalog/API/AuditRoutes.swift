import Contracts
import Hummingbird
import MercatoCore
import Messaging

/// `GET /internal/v1/audit/stock` and `/internal/v1/audit/reservations` for `mercato check` (plus Messaging's
/// outbox, sent-events and inbox audits). Service tokens only: audience `catalog`, scope `audit`.
struct AuditRoutes: Sendable {
    let audit: AuditStore
    let audience: String
    /// The inbox consumer name and the event types its handlers handle, for the inbox audit.
    let consumer: String
    let eventTypes: [String]

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.get("/internal/v1/audit/stock") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await audit.stock(AuditPageRequest(query: request.queryDictionary)))
        }
        router.get("/internal/v1/audit/reservations") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await audit.reservations(AuditPageRequest(query: request.queryDictionary)))
        }
        OutboxAuditRoute(database: audit.database, audience: audience).add(to: router)
        InboxAuditRoute(database: audit.database, audience: audience, consumer: consumer, eventTypes: eventTypes).add(to: router)
    }
}

import Contracts
import Hummingbird
import MercatoCore
import PostgresNIO

/// `GET /internal/v1/audit/outbox`: how many outbox rows are unsent and how old the oldest is, and
/// `GET /internal/v1/audit/outbox/events`: the sent events the outbox still keeps (`sentEvents`), for `mercato check`.
/// Service tokens only: audience = this service, scope `audit`.
public struct OutboxAuditRoute: Sendable {
    /// The service's database (its `outbox` table).
    public let database: Database
    /// The audience callers' tokens must carry (the service's name).
    public let audience: String

    /// A route over `database`'s outbox for tokens addressed to `audience`.
    public init(database: Database, audience: String) {
        self.database = database
        self.audience = audience
    }

    /// Registers both routes.
    public func add(to router: Router<AppRequestContext>) {
        router.get("/internal/v1/audit/outbox") { _, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await summary())
        }
        router.get("/internal/v1/audit/outbox/events") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await sentEvents(try AuditPageRequest(request: request)))
        }
    }

    /// The current summary.
    public func summary() async throws -> OutboxAudit { try await Outbox.backlog(in: database) }
}

import Contracts
import Foundation
import Hummingbird
import MercatoCore
import PostgresNIO

/// `GET /internal/v1/audit/inbox` (`InboxAudit`: the event types the service binds, how many events its inbox holds
/// and since when) and `GET /internal/v1/audit/inbox/events` (`AuditPage<InboxEventAudit>`, keyset by event id), for
/// `mercato check`'s `events-delivered`. Service tokens only: audience = this service, scope `audit`.
public struct InboxAuditRoute: Sendable {
    /// The service's database (its `inbox` table).
    public let database: Database
    /// The audience callers' tokens must carry (the service's name).
    public let audience: String
    /// The inbox consumer name events are claimed under.
    public let consumer: String
    /// The CloudEvents types the service's `EventHandlers` handle (its queue's bindings).
    public let eventTypes: [String]

    /// A route over `database`'s inbox rows of `consumer`, which handles `eventTypes`, for tokens addressed to `audience`.
    public init(database: Database, audience: String, consumer: String, eventTypes: [String]) {
        self.database = database
        self.audience = audience
        self.consumer = consumer
        self.eventTypes = eventTypes.sorted()
    }

    /// Registers both routes.
    public func add(to router: Router<AppRequestContext>) {
        router.get("/internal/v1/audit/inbox") { _, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await summary())
        }
        router.get("/internal/v1/audit/inbox/events") { request, context in
            _ = try context.requireService(audience: audience, scopes: [AuditScope.scope])
            return try JSONBody.response(try await page(try AuditPageRequest(request: request)))
        }
    }

    /// The bound types and the inbox's size and oldest row.
    public func summary() async throws -> InboxAudit {
        let rows = try await database.query("SELECT count(*)::int8, min(received_at) FROM inbox WHERE consumer = \(consumer)")
        let (count, oldest) = try rows.first?.decode((Int64, Date?).self) ?? (Int64(0), nil)
        return InboxAudit(consumer: consumer, eventTypes: eventTypes, received: Int(count), oldestReceivedAt: oldest)
    }

    /// One page of handled events, by event id (the inbox's primary key).
    public func page(_ page: AuditPageRequest) async throws -> AuditPage<InboxEventAudit> {
        let after = try page.cursor.map { try PageCursor.decode(UUID.self, from: $0) }
        let rows = try await database.query("""
            SELECT event_id, event_type, received_at FROM inbox
            WHERE consumer = \(consumer) AND (\(after)::uuid IS NULL OR event_id > \(after))
            ORDER BY event_id LIMIT \(page.limit + 1)
            """)
        let items = try rows.map { row in
            let (id, type, received) = try row.decode((UUID, String, Date).self)
            return InboxEventAudit(eventID: id, eventType: type, receivedAt: received)
        }
        let shown = Array(items.prefix(page.limit))
        return AuditPage(items: shown, nextCursor: items.count > page.limit ? shown.last.map { PageCursor.encode($0.eventID) } : nil)
    }
}

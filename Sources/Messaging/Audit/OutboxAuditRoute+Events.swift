import Contracts
import Foundation
import MercatoCore
import PostgresNIO

extension OutboxAuditRoute {
    /// `GET /internal/v1/audit/outbox/events`: one page of the events the relay has sent and the outbox still keeps
    /// (rows are pruned `outbox.retention` after they were sent), oldest first by the outbox sequence, for
    /// `mercato check`'s `events-delivered`.
    public func sentEvents(_ page: AuditPageRequest) async throws -> AuditPage<OutboxEventAudit> {
        let after = try page.cursor.map { try PageCursor.decode(Int64.self, from: $0) } ?? 0
        let rows = try await database.query("""
            SELECT seq, event_id, event_type, sent_at FROM outbox
            WHERE seq > \(after) AND sent_at IS NOT NULL
            ORDER BY seq LIMIT \(page.limit + 1)
            """)
        let decoded = try rows.map { try $0.decode((Int64, UUID, String, Date).self) }
        let shown = decoded.prefix(page.limit)
        let next = decoded.count > page.limit ? shown.last.map { PageCursor.encode($0.0) } : nil
        return AuditPage(items: shown.map { OutboxEventAudit(eventID: $0.1, eventType: $0.2, sentAt: $0.3) }, nextCursor: next)
    }
}

import Foundation
import MercatoCore
import PostgresNIO

/// Reads and updates a user's in-app notifications for the API and the live stream.
struct NotificationStore: Sendable {
    let database: Database

    /// The columns `record(from:)` decodes, in order.
    static let columns = "id, event_type, topic, channel, subject, body, status, created_at, read_at"

    /// One page, newest first, after `query.cursor`.
    func page(of userID: UUID, query: NotificationListQuery) async throws -> Page<NotificationRecord> {
        let rows = try await database.query(Self.pageQuery(userID: userID, query: query))
        var items: [NotificationRecord] = []
        var lastKey: Int64 = 0
        for row in rows.prefix(query.limit) {
            let cells = try row.decode((UUID, String, String, String, String, String, String, Date, Date?, Int64).self)
            items.append(try Self.record((cells.0, cells.1, cells.2, cells.3, cells.4, cells.5, cells.6, cells.7, cells.8)))
            lastKey = cells.9
        }
        guard rows.count > query.limit, let last = items.last else { return Page(items: items, nextCursor: nil) }
        return Page(items: items, nextCursor: PageCursor.encode(NotificationCursor(createdAt: lastKey, id: last.id, unread: query.unreadOnly)))
    }

    /// The page statement: one row more than the limit tells whether another page follows.
    static func pageQuery(userID: UUID, query: NotificationListQuery) -> PostgresQuery {
        let unread = query.unreadOnly ? "AND read_at IS NULL" : ""
        let microseconds = query.cursor?.createdAt
        let id = query.cursor?.id
        return """
            SELECT \(unescaped: columns), (EXTRACT(EPOCH FROM created_at) * 1000000)::bigint FROM notifications
            WHERE user_id = \(userID) AND channel = 'in_app' \(unescaped: unread)
              AND (\(microseconds)::bigint IS NULL
                   OR (created_at, id) < ('epoch'::timestamptz + \(microseconds)::bigint * interval '1 microsecond', \(id)::uuid))
            ORDER BY created_at DESC, id DESC LIMIT \(query.limit + 1)
            """
    }

    /// Marks an in-app notification of `userID` read (the first read time is kept); nil when the user has no such notification.
    func markRead(_ id: UUID, of userID: UUID) async throws -> NotificationRecord? {
        let rows = try await database.query("""
            UPDATE notifications SET status = 'read', read_at = COALESCE(read_at, now())
            WHERE id = \(id) AND user_id = \(userID) AND channel = 'in_app'
            RETURNING \(unescaped: Self.columns)
            """)
        return try rows.first.map(Self.record(from:))
    }

    /// The in-app notification `id` of `userID`, for the stream hub.
    func find(_ id: UUID, of userID: UUID) async throws -> NotificationRecord? {
        let rows = try await database.query("""
            SELECT \(unescaped: Self.columns) FROM notifications WHERE id = \(id) AND user_id = \(userID) AND channel = 'in_app'
            """)
        return try rows.first.map(Self.record(from:))
    }

    /// Up to `limit` in-app notifications of `userID` created after notification `lastID`, oldest first
    /// (the `Last-Event-ID` replay); empty when `lastID` is not one of the user's.
    func after(_ lastID: UUID, of userID: UUID, limit: Int) async throws -> [NotificationRecord] {
        let rows = try await database.query("""
            SELECT \(unescaped: Self.columns) FROM notifications n
            WHERE n.user_id = \(userID) AND n.channel = 'in_app'
              AND (n.created_at, n.id) > (SELECT created_at, id FROM notifications
                                          WHERE id = \(lastID) AND user_id = \(userID) AND channel = 'in_app')
            ORDER BY n.created_at, n.id LIMIT \(limit)
            """)
        return try rows.map(Self.record(from:))
    }

    /// Decodes a row of exactly `columns`.
    static func record(from row: PostgresRow) throws -> NotificationRecord {
        try record(row.decode((UUID, String, String, String, String, String, String, Date, Date?).self))
    }

    /// A record from the decoded `columns`; throws for a value the schema's checks should have refused.
    static func record(_ cells: (UUID, String, String, String, String, String, String, Date, Date?)) throws -> NotificationRecord {
        let (id, type, topic, channel, subject, body, status, created, read) = cells
        guard let topic = NotificationTopic(rawValue: topic), let channel = NotificationChannel(rawValue: channel),
              let status = NotificationStatus(rawValue: status)
        else { throw NotificationRowError(id: id) }
        return NotificationRecord(id: id, eventType: type, topic: topic, channel: channel, subject: subject, body: body,
                                  status: status, createdAt: created, readAt: read)
    }
}

/// A stored row holds a value the schema's checks should have refused.
struct NotificationRowError: Error, CustomStringConvertible {
    var id: UUID
    var description: String { "notification \(id) has an unknown topic, channel or status" }
}

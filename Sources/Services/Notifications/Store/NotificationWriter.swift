import Foundation
import MercatoCore
import PostgresNIO

/// A notification about to be written by an event handler.
struct NotificationDraft: Sendable, Equatable {
    var userID: UUID
    var topic: NotificationTopic
    var channel: NotificationChannel
    /// The email address, for email rows.
    var address: String?
    var message: RenderedMessage
}

/// Writes notifications inside an event handler's transaction: new in-app rows are `delivered`, email rows
/// `pending` and due now. A redelivered event cannot write twice (unique event, user and channel), and the
/// NOTIFY signals go out with the commit.
enum NotificationWriter {
    /// Inserts `drafts` for event `eventID` of `eventType`; returns how many rows were written per channel.
    @discardableResult
    static func insert(_ drafts: [NotificationDraft], eventID: UUID, eventType: String, on connection: DatabaseConnection)
        async throws -> [NotificationChannel: Int]
    {
        guard !drafts.isEmpty else { return [:] }
        let addresses = drafts.map { $0.address ?? "" }
        let rows = try await connection.run("""
            WITH drafts AS (
                SELECT * FROM unnest(\(drafts.map(\.userID)), \(drafts.map(\.topic.rawValue)), \(drafts.map(\.channel.rawValue)),
                                     \(addresses), \(drafts.map(\.message.subject)), \(drafts.map(\.message.body)))
                    AS d(user_id, topic, channel, address, subject, body)),
            inserted AS (
                INSERT INTO notifications (id, user_id, event_id, event_type, topic, channel, address, subject, body, status, next_attempt_at)
                SELECT gen_random_uuid(), d.user_id, \(eventID), \(eventType), d.topic, d.channel, NULLIF(d.address, ''), d.subject, d.body,
                       CASE d.channel WHEN 'email' THEN 'pending' ELSE 'delivered' END,
                       CASE d.channel WHEN 'email' THEN now() END
                FROM drafts d
                ON CONFLICT ON CONSTRAINT notifications_event_user_channel DO NOTHING
                RETURNING id, user_id, channel)
            \(unescaped: NotificationSignals.notifyInserted)
            """)
        return try counts(rows)
    }

    /// The per-channel counts returned by a statement ending in `NotificationSignals.notifyInserted`.
    static func counts(_ rows: [PostgresRow]) throws -> [NotificationChannel: Int] {
        var counts: [NotificationChannel: Int] = [:]
        for row in rows {
            let (channel, count) = try row.decode((String, Int64).self)
            if let channel = NotificationChannel(rawValue: channel) { counts[channel] = Int(count) }
        }
        return counts
    }
}

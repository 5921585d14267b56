import Foundation
import MercatoCore
import PostgresNIO

/// A pending email claimed for one attempt.
struct EmailJob: Sendable, Equatable {
    var id: UUID
    /// Recipient address; nil once the user was deleted.
    var address: String?
    var name: String
    var subject: String
    var body: String
    /// Attempts made before this one.
    var attempts: Int
}

/// The email rows of `notifications` seen as a delivery queue.
enum EmailQueue {
    /// Locks the most overdue pending email, skipping rows another dispatcher holds; nil when none is due.
    /// The lock lasts for the caller's transaction, so a crash mid-send leaves the row pending.
    static func claimNext(on connection: DatabaseConnection) async throws -> EmailJob? {
        let rows = try await connection.run("""
            SELECT n.id, n.address, COALESCE(r.name, ''), n.subject, n.body, n.attempts
            FROM notifications n LEFT JOIN recipients r ON r.user_id = n.user_id
            WHERE n.channel = 'email' AND n.status = 'pending' AND n.next_attempt_at <= now()
            ORDER BY n.next_attempt_at LIMIT 1 FOR UPDATE OF n SKIP LOCKED
            """)
        guard let row = rows.first else { return nil }
        let (id, address, name, subject, body, attempts) = try row.decode((UUID, String?, String, String, String, Int).self)
        return EmailJob(id: id, address: address, name: name, subject: subject, body: body, attempts: attempts)
    }

    /// The SMTP server accepted the message.
    static func markSent(_ id: UUID, on connection: DatabaseConnection) async throws {
        try await connection.run("""
            UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = now(), next_attempt_at = NULL, last_error = NULL
            WHERE id = \(id)
            """)
    }

    /// The attempt failed; another follows after `delay`.
    static func scheduleRetry(_ id: UUID, after delay: Duration, reason: String, on connection: DatabaseConnection) async throws {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        try await connection.run("""
            UPDATE notifications SET attempts = attempts + 1, last_error = \(reason),
                next_attempt_at = now() + \(seconds) * interval '1 second'
            WHERE id = \(id)
            """)
    }

    /// The email is given up on.
    static func markFailed(_ id: UUID, reason: String, countsAsAttempt: Bool, on connection: DatabaseConnection) async throws {
        try await connection.run("""
            UPDATE notifications SET status = 'failed', attempts = attempts + \(countsAsAttempt ? 1 : 0), last_error = \(reason),
                next_attempt_at = NULL
            WHERE id = \(id)
            """)
    }

    /// Seconds until the next pending email is due (0 when one is overdue), or nil when none is pending.
    static func secondsUntilNextDue(database: Database) async throws -> Double? {
        // Not GREATEST(0, …) in SQL: GREATEST ignores NULL, so "none pending" would read as "due now".
        let rows = try await database.query("""
            SELECT EXTRACT(EPOCH FROM min(next_attempt_at) - now())::float8
            FROM notifications WHERE channel = 'email' AND status = 'pending'
            """)
        return try rows.first?.decode(Double?.self).map { max(0, $0) }
    }
}

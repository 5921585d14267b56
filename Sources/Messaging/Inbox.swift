import Foundation
import MercatoCore

/// Records handled events per consumer inside the handler's transaction, so a redelivered event has no second effect.
public enum Inbox {
    /// Claims `eventID` for `consumer`: true the first time (apply the effects), false for a redelivery (skip them).
    /// Call it first in the handler's transaction; if the transaction rolls back, the claim goes with it.
    public static func claim(eventID: UUID, eventType: String, consumer: String, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.run("""
            INSERT INTO inbox (consumer, event_id, event_type) VALUES (\(consumer), \(eventID), \(eventType))
            ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id
            """)
        return !rows.isEmpty
    }
}

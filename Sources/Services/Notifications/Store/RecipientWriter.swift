import Contracts
import Foundation
import MercatoCore
import PostgresNIO

/// Keeps `recipients`, this service's copy of identity's users, from identity's events (inside the handler's
/// transaction). Each change carries the event's time: a row is only overwritten by an event at least as new,
/// and a deleted recipient stays a tombstone, so late or reordered deliveries never bring back old data.
enum RecipientWriter {
    /// Stores a registered user; returns the recipient as it now stands (nil when it is a tombstone).
    static func register(_ user: UserRegistered, at time: Date, on connection: DatabaseConnection) async throws -> RecipientContact? {
        try await connection.run("""
            INSERT INTO recipients (user_id, email, name, locale, channels, marketing_opt_in, identity_event_at)
            VALUES (\(user.userID), \(user.email), \(user.name), \(user.locale ?? "en"), \(RecipientContact.defaultChannels), false, \(time))
            ON CONFLICT (user_id) DO UPDATE SET
                email = EXCLUDED.email, name = EXCLUDED.name,
                locale = COALESCE(\(user.locale), recipients.locale),
                identity_event_at = EXCLUDED.identity_event_at, updated_at = now()
            WHERE NOT recipients.deleted AND recipients.identity_event_at <= EXCLUDED.identity_event_at
            """)
        return try await find(user.userID, on: connection)
    }

    /// Applies an update unless a newer identity event was already applied; `channels`, `marketing_opt_in`
    /// and `locale` keep their stored value when the event does not carry them. Pending emails follow a new address.
    /// Returns whether the update was applied.
    @discardableResult
    static func update(_ user: UserUpdated, at time: Date, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.run("""
            INSERT INTO recipients (user_id, email, name, locale, channels, marketing_opt_in, disabled, identity_event_at)
            VALUES (\(user.userID), \(user.email), \(user.name), \(user.locale ?? "en"),
                    \(user.channels ?? RecipientContact.defaultChannels), \(user.marketingOptIn ?? false), \(user.disabled), \(time))
            ON CONFLICT (user_id) DO UPDATE SET
                email = EXCLUDED.email, name = EXCLUDED.name,
                locale = COALESCE(\(user.locale), recipients.locale),
                channels = COALESCE(\(user.channels), recipients.channels),
                marketing_opt_in = COALESCE(\(user.marketingOptIn), recipients.marketing_opt_in),
                disabled = EXCLUDED.disabled,
                identity_event_at = EXCLUDED.identity_event_at, updated_at = now()
            WHERE NOT recipients.deleted AND recipients.identity_event_at <= EXCLUDED.identity_event_at
            RETURNING user_id
            """)
        guard !rows.isEmpty else { return false }
        try await connection.run("""
            UPDATE notifications SET address = \(user.email)
            WHERE user_id = \(user.userID) AND channel = 'email' AND status = 'pending'
            """)
        return true
    }

    /// Forgets a deleted user's contact data: the recipient becomes a tombstone (so no later event revives it),
    /// pending emails are cancelled (`failed`), and every history row keeps its content but loses the address.
    static func forget(_ userID: UUID, at time: Date, on connection: DatabaseConnection) async throws {
        try await connection.run("""
            INSERT INTO recipients (user_id, email, name, channels, marketing_opt_in, deleted, identity_event_at)
            VALUES (\(userID), '', '', '{}', false, true, \(time))
            ON CONFLICT (user_id) DO UPDATE SET
                email = '', name = '', locale = 'en', channels = '{}', marketing_opt_in = false, deleted = true,
                identity_event_at = GREATEST(recipients.identity_event_at, EXCLUDED.identity_event_at), updated_at = now()
            """)
        try await connection.run("""
            UPDATE notifications SET status = 'failed', last_error = 'cancelled: account deleted', next_attempt_at = NULL
            WHERE user_id = \(userID) AND channel = 'email' AND status = 'pending'
            """)
        try await connection.run("UPDATE notifications SET address = NULL WHERE user_id = \(userID) AND address IS NOT NULL")
    }

    /// The stored recipient, or nil when unknown or deleted.
    static func find(_ userID: UUID, on connection: DatabaseConnection) async throws -> RecipientContact? {
        let rows = try await connection.run("""
            SELECT email, name, locale, channels, marketing_opt_in, disabled, deleted FROM recipients WHERE user_id = \(userID)
            """)
        guard let row = rows.first else { return nil }
        let (email, name, locale, channels, marketing, disabled, deleted) = try row.decode((String, String, String, [String], Bool, Bool, Bool).self)
        guard !deleted else { return nil }
        return RecipientContact(userID: userID, email: email, name: name, locale: locale, channels: channels,
                                marketingOptIn: marketing, disabled: disabled, deleted: deleted)
    }
}

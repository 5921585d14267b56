import Foundation
import MercatoCore
import MercatoTestSupport
import PostgresNIO
@testable import NotificationsService

/// A fresh database with the notifications schema, its pool running for the duration of `body`.
func withNotificationsDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
    try await TestPostgres.withMigratedDatabase(prefix: "notifications", migrations: NotificationsService.definition.migrations, body)
}

/// One notification row as the tests inspect it.
struct StoredNotification: Sendable, Equatable {
    var userID: UUID
    var eventType: String
    var topic: String
    var channel: String
    var address: String?
    var subject: String
    var body: String
    var status: String
    var attempts: Int
    var lastError: String?
}

extension Database {
    /// Every notification row, oldest first (channel order within one event).
    func storedNotifications(of userID: UUID? = nil) async throws -> [StoredNotification] {
        let rows = try await query("""
            SELECT user_id, event_type, topic, channel, address, subject, body, status, attempts, last_error FROM notifications
            WHERE \(userID)::uuid IS NULL OR user_id = \(userID)
            ORDER BY created_at, channel DESC
            """)
        return try rows.map { row in
            let (user, type, topic, channel, address, subject, body, status, attempts, error) =
                try row.decode((UUID, String, String, String, String?, String, String, String, Int, String?).self)
            return StoredNotification(userID: user, eventType: type, topic: topic, channel: channel, address: address, subject: subject,
                                      body: body, status: status, attempts: attempts, lastError: error)
        }
    }

    /// The stored recipient row (deleted ones included) as `(email, name, locale, channels, marketing, disabled, deleted)`.
    func storedRecipient(_ userID: UUID) async throws -> (String, String, String, [String], Bool, Bool, Bool)? {
        let rows = try await query("""
            SELECT email, name, locale, channels, marketing_opt_in, disabled, deleted FROM recipients WHERE user_id = \(userID)
            """)
        return try rows.first?.decode((String, String, String, [String], Bool, Bool, Bool).self)
    }

    /// Sets one user's topic switches directly.
    func setSwitches(_ userID: UUID, priceDrop: Bool = true, account: Bool = true, orders: Bool = true) async throws {
        try await query("""
            INSERT INTO notification_preferences (user_id, account, price_drop, orders) VALUES (\(userID), \(account), \(priceDrop), \(orders))
            ON CONFLICT (user_id) DO UPDATE SET account = EXCLUDED.account, price_drop = EXCLUDED.price_drop, orders = EXCLUDED.orders
            """)
    }
}

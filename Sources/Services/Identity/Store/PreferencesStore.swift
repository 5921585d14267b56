import Foundation
import MercatoCore

/// SQL for user preferences (a missing row means the defaults).
struct PreferencesStore: Sendable {
    let database: Database

    /// The user's preferences, or the defaults.
    func get(userID: UUID) async throws -> UserPreferences {
        let rows = try await database.query("""
            SELECT locale, currency, notify_email, notify_sms, notify_push, marketing_opt_in
            FROM user_preferences WHERE user_id = \(userID)
            """)
        guard let row = rows.first else { return .defaults }
        let (locale, currency, email, sms, push, marketing) = try row.decode((String, String, Bool, Bool, Bool, Bool).self)
        return UserPreferences(locale: locale, currency: currency,
                               notifications: .init(email: email, sms: sms, push: push), marketingOptIn: marketing)
    }

    /// Replaces the user's preferences and announces them with `user-updated`, in one transaction.
    func put(_ preferences: UserPreferences, userID: UUID) async throws {
        let channels = preferences.notifications
        try await database.withTransaction { connection in
            try await connection.run("""
            INSERT INTO user_preferences (user_id, locale, currency, notify_email, notify_sms, notify_push, marketing_opt_in)
            VALUES (\(userID), \(preferences.locale), \(preferences.currency), \(channels.email), \(channels.sms),
                    \(channels.push), \(preferences.marketingOptIn))
            ON CONFLICT (user_id) DO UPDATE SET locale = EXCLUDED.locale, currency = EXCLUDED.currency,
                notify_email = EXCLUDED.notify_email, notify_sms = EXCLUDED.notify_sms, notify_push = EXCLUDED.notify_push,
                marketing_opt_in = EXCLUDED.marketing_opt_in, updated_at = now()
            """)
            if let user = try await UserStore.lock(id: userID, on: connection) {
                try await IdentityEvents.updated(user, preferences: preferences, on: connection)
            }
        }
    }
}

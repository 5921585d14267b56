import Foundation
import MercatoCore
import PostgresNIO

/// What `GET /api/v1/notifications/preferences` shows: the topic switches (editable here) and the
/// settings copied from identity (read-only here), plus the version for `ETag` / `If-Match`.
struct PreferencesView: Sendable, Equatable {
    var switches: TopicSwitches
    /// 0 until the user first saves switches.
    var version: Int
    /// Identity's channels, or nil when no identity event about the user has arrived yet.
    var channels: [String]?
    /// Identity's marketing opt-in, or nil when unknown.
    var marketingOptIn: Bool?
    /// Identity's locale, or nil when unknown.
    var locale: String?
}

/// Reads and writes `notification_preferences`.
struct PreferenceStore: Sendable {
    let database: Database

    /// The user's view; defaults (every topic on, version 0) before anything is saved.
    func view(of userID: UUID) async throws -> PreferencesView {
        try await database.withConnection { connection in try await Self.view(of: userID, on: connection) }
    }

    /// Replaces the switches. 412 when `ifMatch` names another version, 409 when the account was deleted;
    /// nothing is written then.
    func replace(_ switches: TopicSwitches, of userID: UUID, ifMatch: Int?) async throws -> PreferencesView {
        try await database.withTransaction { connection in
            let deleted = try await connection.run("SELECT 1 FROM recipients WHERE user_id = \(userID) AND deleted")
            guard deleted.isEmpty else { throw Problem.conflict("This account has been deleted.") }
            // A row to lock even for a first save, so concurrent If-Match checks serialize (rolled back on failure).
            try await connection.run("""
                INSERT INTO notification_preferences (user_id, version) VALUES (\(userID), 0) ON CONFLICT (user_id) DO NOTHING
                """)
            let rows = try await connection.run("SELECT version FROM notification_preferences WHERE user_id = \(userID) FOR UPDATE")
            let current = try rows.first?.decode(Int.self) ?? 0
            if let ifMatch, ifMatch != current {
                throw Problem.preconditionFailed("The preferences changed since version \(ifMatch); fetch them again.")
            }
            try await connection.run("""
                UPDATE notification_preferences SET account = \(switches.account), price_drop = \(switches.priceDrop),
                    orders = \(switches.orders), version = version + 1, updated_at = now()
                WHERE user_id = \(userID)
                """)
            return try await Self.view(of: userID, on: connection)
        }
    }

    /// The view read on `connection`.
    static func view(of userID: UUID, on connection: DatabaseConnection) async throws -> PreferencesView {
        let rows = try await connection.run("""
            SELECT p.account, p.price_drop, p.orders, p.version, r.channels, r.marketing_opt_in, r.locale
            FROM (SELECT \(userID)::uuid AS user_id) u
            LEFT JOIN notification_preferences p ON p.user_id = u.user_id
            LEFT JOIN recipients r ON r.user_id = u.user_id AND NOT r.deleted
            """)
        guard let row = rows.first else { return PreferencesView(switches: .defaults, version: 0) }
        let (account, priceDrop, orders, version, channels, marketing, locale) =
            try row.decode((Bool?, Bool?, Bool?, Int?, [String]?, Bool?, String?).self)
        let defaults = TopicSwitches.defaults
        return PreferencesView(
            switches: TopicSwitches(account: account ?? defaults.account, priceDrop: priceDrop ?? defaults.priceDrop,
                                    orders: orders ?? defaults.orders),
            version: version ?? 0, channels: channels, marketingOptIn: marketing, locale: locale)
    }

    /// The switches stored for `userID` (defaults when none), inside a handler's transaction.
    static func switches(of userID: UUID, on connection: DatabaseConnection) async throws -> TopicSwitches {
        try await view(of: userID, on: connection).switches
    }
}

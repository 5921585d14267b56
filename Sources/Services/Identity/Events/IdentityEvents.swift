import Contracts
import Foundation
import MercatoCore
import Messaging

/// The events identity publishes, written to its outbox in the same transaction as the change.
enum IdentityEvents {
    /// `user-registered` for a new user.
    static func registered(_ user: User, on connection: DatabaseConnection) async throws {
        try await Outbox.enqueue(UserRegistered(userID: user.id, email: user.email, name: user.name,
                                                roles: user.roles.map(\.rawValue), locale: nil),
                                 subject: user.id.uuidString.lowercased(), on: connection)
    }

    /// `user-updated` after a profile, role or status change; `preferences` when they are what changed.
    static func updated(_ user: User, preferences: UserPreferences?, on connection: DatabaseConnection) async throws {
        let channels = preferences.map { preferences -> [String] in
            var channels: [String] = []
            if preferences.notifications.email { channels.append("email") }
            if preferences.notifications.sms { channels.append("sms") }
            if preferences.notifications.push { channels.append("push") }
            return channels
        }
        try await Outbox.enqueue(UserUpdated(userID: user.id, email: user.email, name: user.name, phone: user.phone,
                                             roles: user.roles.map(\.rawValue), disabled: user.disabled, channels: channels,
                                             marketingOptIn: preferences?.marketingOptIn, locale: preferences?.locale),
                                 subject: user.id.uuidString.lowercased(), on: connection)
    }

    /// `user-deleted` after the soft delete.
    static func deleted(userID: UUID, on connection: DatabaseConnection) async throws {
        try await Outbox.enqueue(UserDeleted(userID: userID), subject: userID.uuidString.lowercased(), on: connection)
    }
}

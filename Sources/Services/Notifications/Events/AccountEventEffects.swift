import Contracts
import Foundation
import MercatoCore
import Messaging

/// What identity's events do here, each inside the handler's transaction.
struct AccountEventEffects: Sendable {
    let renderer: NotificationRenderer
    let instruments: NotificationInstruments

    /// `user-registered`: stores the recipient and writes the welcome (in-app, plus email when identity allows it
    /// and the `account` topic is on). Nothing is written for a user already deleted (a late delivery).
    func registered(_ event: ReceivedEvent<UserRegistered>, on connection: DatabaseConnection) async throws {
        let user = event.payload
        guard user.email.contains("@"), user.email.count <= 320 else {
            throw PermanentEventFailure("user-registered without a usable email address")
        }
        guard let recipient = try await RecipientWriter.register(user, at: event.time, on: connection) else { return }
        let switches = try await PreferenceStore.switches(of: user.userID, on: connection)
        let message = renderer.render(.welcome, locale: recipient.locale,
                                      values: ["name": recipient.name.isEmpty ? recipient.email : recipient.name])
        let drafts = DeliveryRules.channels(for: .account, recipient: recipient, switches: switches).map { channel in
            NotificationDraft(userID: user.userID, topic: .account, channel: channel,
                              address: channel == .email ? recipient.email : nil, message: message)
        }
        let counts = try await NotificationWriter.insert(drafts, eventID: event.id, eventType: event.type, on: connection)
        instruments.record(counts, eventType: event.type)
    }

    /// `user-updated`: refreshes the copy unless a newer identity event was already applied.
    func updated(_ event: ReceivedEvent<UserUpdated>, on connection: DatabaseConnection) async throws {
        try await RecipientWriter.update(event.payload, at: event.time, on: connection)
    }

    /// `user-deleted`: forgets the contact data, cancels pending emails, keeps the history without addresses.
    func deleted(_ event: ReceivedEvent<UserDeleted>, on connection: DatabaseConnection) async throws {
        try await RecipientWriter.forget(event.payload.userID, at: event.time, on: connection)
    }
}

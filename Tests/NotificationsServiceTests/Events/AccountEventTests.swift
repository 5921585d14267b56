import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import NotificationsService

/// Tier: integration on a real PostgreSQL. Identity's events applied exactly as the consumer applies them.
@Suite struct AccountEventTests {
    @Test func registrationStoresTheRecipientAndWritesTheWelcome() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            let eventID = UUID()
            #expect(try await applier.apply(EventBodies.registered(user, locale: "de-AT"), id: eventID) == .applied)

            let recipient = try #require(try await database.storedRecipient(user))
            #expect(recipient.0 == "ada@example.test" && recipient.1 == "Ada" && recipient.2 == "de-AT")
            #expect(recipient.3 == ["email"] && !recipient.4, "identity's defaults: email only, no marketing")
            let rows = try await database.storedNotifications(of: user)
            #expect(rows.map(\.channel) == ["in_app", "email"])
            #expect(rows.map(\.status) == ["delivered", "pending"])
            #expect(rows.allSatisfy { $0.subject == "Willkommen bei Mercato, Ada!" && $0.topic == "account" })
            #expect(rows.allSatisfy { $0.eventType == UserRegistered.eventType })
            #expect(rows.map(\.address) == [nil, "ada@example.test"])
            let ids = try await database.query("SELECT DISTINCT event_id FROM notifications").map { try $0.decode(UUID.self) }
            #expect(ids == [eventID])
        }
    }

    @Test func redeliveryHasNoSecondEffect() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let body = try EventBodies.body(EventBodies.registered(UUID()))
            #expect(try await applier.apply(body) == .applied)
            #expect(try await applier.apply(body) == .duplicate)
            #expect(try await database.storedNotifications().count == 2)
        }
    }

    @Test func welcomeRespectsTheAccountSwitch() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            try await database.setSwitches(user, account: false)
            try await applier.apply(EventBodies.registered(user))
            #expect(try await database.storedNotifications(of: user).isEmpty)
            #expect(try await database.storedRecipient(user) != nil, "the contact data is still kept")
        }
    }

    @Test func anOlderUpdateNeverOverwritesANewerOne() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            let now = Date()
            try await applier.apply(EventBodies.registered(user), time: now.addingTimeInterval(-60))
            try await applier.apply(EventBodies.updated(user, email: "new@example.test", name: "Ada L", channels: ["email", "push"],
                                                        marketingOptIn: true, locale: "de"), time: now)
            let stale = EventBodies.updated(user, email: "old@example.test", name: "Old", channels: [], marketingOptIn: false)
            #expect(try await applier.apply(stale, time: now.addingTimeInterval(-30)) == .applied, "claimed, but changes nothing")
            let recipient = try #require(try await database.storedRecipient(user))
            #expect(recipient.0 == "new@example.test" && recipient.1 == "Ada L" && recipient.2 == "de")
            #expect(recipient.3 == ["email", "push"] && recipient.4)
            #expect(try await database.storedNotifications(of: user).first { $0.channel == "email" }?.address == "new@example.test",
                    "a pending email follows the newer address")
        }
    }

    @Test func updateKeepsWhatTheEventDoesNotCarry() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            let now = Date()
            try await applier.apply(EventBodies.updated(user, channels: ["push"], marketingOptIn: true, locale: "de"), time: now)
            try await applier.apply(EventBodies.updated(user, name: "Renamed", channels: nil, marketingOptIn: nil, locale: nil, disabled: true),
                                    time: now.addingTimeInterval(1))
            let recipient = try #require(try await database.storedRecipient(user))
            #expect(recipient.1 == "Renamed" && recipient.2 == "de" && recipient.3 == ["push"] && recipient.4 && recipient.5)
        }
    }

    @Test func deletionAnonymizesCancelsPendingEmailAndKeepsHistory() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            let now = Date()
            try await applier.apply(EventBodies.registered(user), time: now)
            try await applier.apply(UserDeleted(userID: user), time: now.addingTimeInterval(1))

            let recipient = try #require(try await database.storedRecipient(user))
            #expect(recipient.0.isEmpty && recipient.1.isEmpty && recipient.3.isEmpty && !recipient.4 && recipient.6)
            let rows = try await database.storedNotifications(of: user)
            #expect(rows.count == 2, "history is kept")
            #expect(rows.allSatisfy { $0.address == nil })
            #expect(rows.first { $0.channel == "email" }?.status == "failed")
            #expect(rows.first { $0.channel == "email" }?.lastError == "cancelled: account deleted")

            // A late update or registration never brings the contact data back.
            try await applier.apply(EventBodies.updated(user, email: "back@example.test"), time: now.addingTimeInterval(5))
            try await applier.apply(EventBodies.registered(user, email: "again@example.test"), time: now.addingTimeInterval(6))
            #expect(try await database.storedRecipient(user)?.0 == "")
            #expect(try await database.storedNotifications(of: user).count == 2, "no welcome for a deleted user")
        }
    }

    @Test func malformedPayloadsFailPermanently() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let missingEmail = Data(#"""
                {"specversion":"1.0","id":"\#(UUID())","source":"/mercato/identity","type":"\#(UserRegistered.eventType)",
                 "time":"2025-01-01T00:00:00Z","subject":"u","datacontenttype":"application/json",
                 "data":{"user_id":"\#(UUID())","name":"Ada","roles":[]}}
                """#.utf8)
            await #expect(throws: PermanentEventFailure.self) { try await applier.apply(missingEmail) }
            await #expect(throws: PermanentEventFailure.self) { try await applier.apply(Data("not json".utf8)) }
            await #expect(throws: PermanentEventFailure.self) {
                try await applier.apply(EventBodies.registered(UUID(), email: "no-at-sign"))
            }
            await #expect(throws: PermanentEventFailure.self) {
                try await applier.apply(EventBodies.priceChanged(from: -5, to: -10))
            }
            let inbox = try await database.query("SELECT count(*)::int FROM inbox").first?.decode(Int.self)
            #expect(inbox == 0, "a failed event leaves no claim and no partial write")
            #expect(try await database.storedNotifications().isEmpty)
        }
    }

    @Test func eventsWithoutNotificationsAreNotHandled() throws {
        let handlers = try NotificationsService.eventHandlers()
        #expect(handlers.eventTypes == [PriceChanged.eventType, UserDeleted.eventType, UserRegistered.eventType, UserUpdated.eventType,
                                        OrderConfirmed.eventType, OrderCancelled.eventType, PaymentRefunded.eventType].sorted())
    }
}

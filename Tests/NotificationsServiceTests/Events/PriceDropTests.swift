import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import NotificationsService

/// Tier: integration on a real PostgreSQL. The price-drop fan-out.
@Suite struct PriceDropTests {
    /// Registers a user, then sets identity's channels and opt-in with a later update.
    func addUser(_ applier: EventApplier, marketing: Bool, channels: [String] = ["email"], locale: String = "en",
                 disabled: Bool = false) async throws -> UUID {
        let user = UUID()
        let now = Date()
        try await applier.apply(EventBodies.registered(user, email: "\(user)@example.test"), time: now.addingTimeInterval(-10))
        try await applier.apply(EventBodies.updated(user, email: "\(user)@example.test", channels: channels, marketingOptIn: marketing,
                                                    locale: locale, disabled: disabled), time: now)
        return user
    }

    @Test func onlyOptedInUsersWithTheTopicOnGetADrop() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let optedIn = try await addUser(applier, marketing: true)
            let german = try await addUser(applier, marketing: true, channels: [], locale: "de-DE")
            let notOptedIn = try await addUser(applier, marketing: false)
            let switchedOff = try await addUser(applier, marketing: true)
            let disabled = try await addUser(applier, marketing: true, disabled: true)
            try await database.setSwitches(switchedOff, priceDrop: false)
            try await database.query("DELETE FROM notifications")

            let eventID = UUID()
            #expect(try await applier.apply(EventBodies.priceChanged(from: 1299, to: 949), id: eventID) == .applied)

            let rows = try await database.storedNotifications()
            #expect(Set(rows.map(\.userID)) == [optedIn, german])
            let english = rows.filter { $0.userID == optedIn }
            #expect(english.map(\.channel).sorted() == ["email", "in_app"])
            #expect(english.allSatisfy { $0.subject == "Price drop: Espresso beans now 9.49 EUR" && $0.topic == "price_drop" })
            #expect(english.first { $0.channel == "email" }?.address == "\(optedIn)@example.test")
            let germanRows = rows.filter { $0.userID == german }
            #expect(germanRows.map(\.channel) == ["in_app"], "no email channel in identity: in-app only")
            #expect(germanRows.first?.subject == "Preissenkung: Espresso beans jetzt 9.49 EUR")
            #expect(rows.allSatisfy { ![notOptedIn, switchedOff, disabled].contains($0.userID) })

            #expect(try await applier.apply(EventBodies.body(EventBodies.priceChanged(from: 1299, to: 949), id: eventID)) == .duplicate)
            #expect(try await database.storedNotifications().count == rows.count)
        }
    }

    @Test(arguments: [(1000, 1000, "EUR", "EUR"), (1000, 1200, "EUR", "EUR"), (1000, 900, "EUR", "USD")])
    func anythingButALowerPriceNotifiesNobody(old: Int, new: Int, currency: String, newCurrency: String) async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            _ = try await addUser(applier, marketing: true)
            try await database.query("DELETE FROM notifications")
            #expect(try await applier.apply(EventBodies.priceChanged(from: old, to: new, currency: currency, newCurrency: newCurrency)) == .applied)
            #expect(try await database.storedNotifications().isEmpty)
        }
    }
}

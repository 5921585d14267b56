import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import NotificationsService

/// Tier: integration on a real PostgreSQL. Order confirmation, cancellation and refund messages for the customer.
@Suite struct OrderEventTests {
    static let order = UUID(uuidString: "ABCDEF12-0000-4000-8000-000000000001")!
    static let total = EventMoney(amount: 12_345, currency: "EUR")

    @Test func confirmationReachesTheCustomerInTheirLanguage() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            try await applier.apply(EventBodies.registered(user, locale: "de-DE"))
            #expect(try await applier.apply(OrderConfirmed(orderID: Self.order, customerID: user, total: Self.total)) == .applied)
            let rows = try await database.storedNotifications(of: user).filter { $0.topic == "orders" }
            #expect(rows.map(\.channel) == ["in_app", "email"])
            #expect(rows.allSatisfy { $0.subject == "Bestellung ABCDEF12 bestätigt" && $0.eventType == OrderConfirmed.eventType })
            #expect(rows.first?.body.contains("Deine Zahlung über 123.45 EUR ist eingegangen") == true)
        }
    }

    @Test func cancellationSaysWhy() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            try await applier.apply(EventBodies.registered(user))
            try await applier.apply(OrderCancelled(orderID: Self.order, customerID: user, reason: .paymentDeclined, detail: nil, total: Self.total))
            let rows = try await database.storedNotifications(of: user).filter { $0.topic == "orders" }
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.subject == "Order ABCDEF12 cancelled" && $0.body.contains("the card was declined") })
        }
    }

    @Test func refundNamesTheAmountAndRedeliveryWritesNothingMore() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let user = UUID()
            try await applier.apply(EventBodies.registered(user))
            let body = try EventBodies.body(PaymentRefunded(orderID: Self.order, paymentID: UUID(), refundID: UUID(), customerID: user,
                                                            amount: Self.total))
            #expect(try await applier.apply(body) == .applied)
            #expect(try await applier.apply(body) == .duplicate)
            let rows = try await database.storedNotifications(of: user).filter { $0.topic == "orders" }
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.subject.hasPrefix("Refund of") && $0.subject.hasSuffix("for order ABCDEF12") })
        }
    }

    @Test func theOrdersSwitchAndUnknownCustomersGetNothing() async throws {
        try await withNotificationsDatabase { database in
            let applier = try EventApplier(database: database)
            let quiet = UUID()
            try await applier.apply(EventBodies.registered(quiet))
            try await database.setSwitches(quiet, orders: false)
            #expect(try await applier.apply(OrderConfirmed(orderID: Self.order, customerID: quiet, total: Self.total)) == .applied)
            #expect(try await applier.apply(OrderConfirmed(orderID: UUID(), customerID: UUID(), total: Self.total)) == .applied)
            #expect(try await database.storedNotifications().filter { $0.topic == "orders" }.isEmpty)
        }
    }

    @Test func everyReasonHasAPhraseInEveryLocale() {
        for reason in CancellationReason.allCases {
            let english = CancellationReasonText.text(reason, locale: "en")
            let german = CancellationReasonText.text(reason, locale: "de")
            #expect(!english.isEmpty && !german.isEmpty && english != german)
        }
    }
}

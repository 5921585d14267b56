import Foundation
import SMTP
import Testing
@testable import NotificationsService

/// Tier: pure domain. Which channels a notification goes to, and what happens after a failed email.
@Suite struct DeliveryRulesTests {
    func recipient(channels: [String] = ["email"], marketing: Bool = true, disabled: Bool = false, deleted: Bool = false,
                   email: String = "ada@example.test") -> RecipientContact {
        RecipientContact(userID: UUID(), email: email, name: "Ada", locale: "en", channels: channels, marketingOptIn: marketing,
                         disabled: disabled, deleted: deleted)
    }

    @Test func accountMessagesGoInAppAndByEmailWhenIdentityAllowsEmail() {
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(), switches: .defaults) == [.inApp, .email])
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(channels: ["sms"]), switches: .defaults) == [.inApp])
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(email: ""), switches: .defaults) == [.inApp])
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(marketing: false), switches: .defaults) == [.inApp, .email])
    }

    @Test func aTopicSwitchedOffSendsNothing() {
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(), switches: TopicSwitches(account: false)).isEmpty)
        #expect(DeliveryRules.channels(for: .priceDrop, recipient: recipient(), switches: TopicSwitches(priceDrop: false)).isEmpty)
        #expect(DeliveryRules.channels(for: .orders, recipient: recipient(), switches: TopicSwitches(orders: false)).isEmpty)
    }

    @Test func priceDropsNeedMarketingOptIn() {
        #expect(DeliveryRules.channels(for: .priceDrop, recipient: recipient(marketing: false), switches: .defaults).isEmpty)
        #expect(DeliveryRules.channels(for: .priceDrop, recipient: recipient(marketing: true), switches: .defaults) == [.inApp, .email])
    }

    @Test func disabledOrDeletedAccountsGetNothing() {
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(disabled: true), switches: .defaults).isEmpty)
        #expect(DeliveryRules.channels(for: .account, recipient: recipient(deleted: true), switches: .defaults).isEmpty)
    }

    @Test func onlyALowerPriceInTheSameCurrencyIsADrop() {
        #expect(DeliveryRules.isPriceDrop(oldAmount: 1000, oldCurrency: "EUR", newAmount: 900, newCurrency: "EUR"))
        #expect(!DeliveryRules.isPriceDrop(oldAmount: 1000, oldCurrency: "EUR", newAmount: 1000, newCurrency: "EUR"))
        #expect(!DeliveryRules.isPriceDrop(oldAmount: 1000, oldCurrency: "EUR", newAmount: 1100, newCurrency: "EUR"))
        #expect(!DeliveryRules.isPriceDrop(oldAmount: 1000, oldCurrency: "EUR", newAmount: 900, newCurrency: "USD"))
    }

    @Test func everyTopicIsOnByDefault() {
        #expect(NotificationTopic.allCases.allSatisfy { TopicSwitches.defaults.isOn($0) })
    }

    @Test func transientFailuresBackOffExponentiallyThenGiveUp() {
        let policy = SMTPRetryPolicy(maximumAttempts: 4, baseDelay: .seconds(30), maximumDelay: .seconds(100))
        #expect(EmailAttemptOutcome.after(attempt: 1, transient: true, policy: policy) == .retry(after: .seconds(30)))
        #expect(EmailAttemptOutcome.after(attempt: 2, transient: true, policy: policy) == .retry(after: .seconds(60)))
        #expect(EmailAttemptOutcome.after(attempt: 3, transient: true, policy: policy) == .retry(after: .seconds(100)))
        #expect(EmailAttemptOutcome.after(attempt: 4, transient: true, policy: policy) == .giveUp)
        #expect(EmailAttemptOutcome.after(attempt: 1, transient: false, policy: policy) == .giveUp)
    }

    @Test func failureReasonsCarryTheReplyButNoInternals() {
        let reply = SMTPReply(code: 550, lines: ["5.1.1 <gone@example.test>: mailbox unavailable"])
        let rejected = SMTPError(code: .recipientRejected, message: "RCPT refused", reply: reply)
        #expect(DeliveryFailureReason.describe(rejected) == "550 5.1.1 <gone@example.test>: mailbox unavailable")
        let down = SMTPError(code: .connectionFailed, message: "cannot connect to 10.0.0.7:2525: connection refused (errno 111)")
        #expect(DeliveryFailureReason.describe(down) == "SMTP server unreachable")
        struct Internal: Error {}
        #expect(DeliveryFailureReason.describe(Internal()) == "delivery failed")
    }
}

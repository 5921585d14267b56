import Configuration
import Contracts
import Testing
@testable import PaymentsService

/// Tier: unit. The pure decisions, postings and settings.
@Suite struct PaymentDomainTests {
    @Test func chargeDecisionCoversEveryStoredStateAndCancellation() {
        let expected: [(PaymentState?, Bool, ChargeDecision)] = [
            (nil, false, .create), (nil, true, .skipCancelled),
            (.pending, false, .resume), (.pending, true, .resume),
            (.succeeded, false, .alreadyDone), (.succeeded, true, .alreadyDone),
            (.failed, false, .alreadyDone), (.failed, true, .alreadyDone),
            (.refunded, false, .alreadyDone), (.refunded, true, .alreadyDone),
        ]
        #expect(expected.count == (PaymentState.allCases.count + 1) * 2)
        for (state, cancelled, decision) in expected {
            #expect(ChargeDecision.decide(existing: state, cancelled: cancelled) == decision, "\(String(describing: state)) \(cancelled)")
        }
    }

    @Test func refundDecisionCoversEveryStoredState() {
        #expect(RefundDecision.decide(existing: nil) == .rememberOnly)
        #expect(RefundDecision.decide(existing: .pending) == .waitForCharge)
        #expect(RefundDecision.decide(existing: .succeeded) == .refund)
        #expect(RefundDecision.decide(existing: .failed) == .nothing)
        #expect(RefundDecision.decide(existing: .refunded) == .nothing)
    }

    @Test func chargesAndRefundsPostBalancedOppositeEntries() {
        let money = EventMoney(amount: 1_234, currency: "EUR")
        let charge = LedgerPosting.entries(.charge, amount: money)
        let refund = LedgerPosting.entries(.refund, amount: money)
        #expect(charge == [LedgerEntry(account: .pspReceivable, side: .debit, amount: 1_234, currency: "EUR"),
                           LedgerEntry(account: .customerPayments, side: .credit, amount: 1_234, currency: "EUR")])
        #expect(refund == [LedgerEntry(account: .customerPayments, side: .debit, amount: 1_234, currency: "EUR"),
                           LedgerEntry(account: .pspReceivable, side: .credit, amount: 1_234, currency: "EUR")])
        #expect(LedgerPosting.isBalanced(charge) && LedgerPosting.isBalanced(refund) && LedgerPosting.isBalanced(charge + refund))
        #expect(!LedgerPosting.isBalanced([]))
        #expect(!LedgerPosting.isBalanced([charge[0]]))
        var otherCurrency = charge
        otherCurrency[1].currency = "USD"
        #expect(!LedgerPosting.isBalanced(otherCurrency), "balanced per currency")
    }

    @Test func configHasDefaultsAndReadsItsKeys() {
        let defaults = PaymentsConfig(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(defaults.timeout == .seconds(2) && defaults.retry.maxAttempts == 3)
        #expect(defaults.provider == TestPaymentProvider.Settings(latency: .zero, failureRate: 0))
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "payments.provider.latencyMs": 40, "payments.provider.failureRate": 0.25, "payments.provider.timeout": 0.5,
            "payments.provider.attempts": 5, "payments.provider.retryBaseDelay": 0.01, "payments.provider.retryMaxDelay": 0.1,
        ]
        let read = PaymentsConfig(reader: ConfigReader(provider: InMemoryProvider(values: values)))
        #expect(read.provider == TestPaymentProvider.Settings(latency: .milliseconds(40), failureRate: 0.25))
        #expect(read.timeout == .milliseconds(500) && read.retry.maxAttempts == 5)
        #expect(read.retry.baseDelay == .milliseconds(10) && read.retry.maxDelay == .milliseconds(100))
    }
}

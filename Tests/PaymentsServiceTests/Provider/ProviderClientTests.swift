import Contracts
import Foundation
import Synchronization
import Testing
@testable import PaymentsService

/// Tier: unit. Our calls to the provider: per-attempt timeout, retries with one key, lookup before giving up.
@Suite struct ProviderClientTests {
    let amount = EventMoney(amount: 500, currency: "EUR")

    @Test func aTimeoutIsRetriedThenLookedUpThenProviderUnavailable() async throws {
        let provider = TestPaymentProvider()
        let client = ProviderClient(provider: provider, config: fastConfig)
        let started = ContinuousClock.now
        let outcome = try await client.charge(idempotencyKey: "k", amount: amount, token: "tok_timeout")
        guard case .failed(.providerUnavailable, _) = outcome else {
            Issue.record("expected provider_unavailable, got \(outcome)")
            return
        }
        #expect(provider.calls == 4, "three charge attempts and one lookup")
        #expect(ContinuousClock.now - started >= .milliseconds(150), "each attempt waited its 50 ms")
    }

    @Test func aChargeMadeAfterOurTimeoutIsFoundByLookup() async throws {
        let provider = ChargesButNeverAnswers(inner: TestPaymentProvider())
        let client = ProviderClient(provider: provider, config: fastConfig)
        let outcome = try await client.charge(idempotencyKey: "k", amount: amount, token: "tok_visa")
        let recorded = try #require(provider.inner.recordedCharges.first)
        #expect(outcome == .succeeded(reference: recorded.reference))
        #expect(provider.inner.recordedCharges.count == 1, "every attempt used the same key")
    }

    @Test func transientFailuresAreRetriedWithTheSameKey() async throws {
        let draws = Mutex(0)
        // The first two calls fail, the third passes.
        let provider = TestPaymentProvider(settings: .init(failureRate: 0.5)) {
            draws.withLock { count in
                count += 1
                return count <= 2 ? 0 : 0.99
            }
        }
        let outcome = try await ProviderClient(provider: provider, config: fastConfig)
            .charge(idempotencyKey: "k", amount: amount, token: "tok_visa")
        guard case .succeeded = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(provider.calls == 3 && provider.recordedCharges.count == 1)
    }

    @Test func aDeclineIsNotRetried() async throws {
        let provider = TestPaymentProvider()
        let outcome = try await ProviderClient(provider: provider, config: fastConfig)
            .charge(idempotencyKey: "k", amount: amount, token: "tok_declined")
        #expect(outcome == .failed(.declined, detail: "Your card was declined."))
        #expect(provider.calls == 1)
    }

    @Test func aProviderThatAlwaysFailsEndsUnavailable() async throws {
        let provider = TestPaymentProvider(settings: .init(failureRate: 1))
        let outcome = try await ProviderClient(provider: provider, config: fastConfig)
            .charge(idempotencyKey: "k", amount: amount, token: "tok_visa")
        guard case .failed(.providerUnavailable, _) = outcome else {
            Issue.record("expected provider_unavailable, got \(outcome)")
            return
        }
        #expect(provider.calls == 4)
        await #expect(throws: RefundFailure.self) {
            try await ProviderClient(provider: provider, config: fastConfig).refund(idempotencyKey: "r", chargeReference: "ch", amount: amount)
        }
    }

    @Test func cancellingTheCallerCancelsTheCall() async throws {
        let provider = TestPaymentProvider()
        let slow = PaymentsConfig(timeout: .seconds(60), retry: fastConfig.retry)
        let call = Task { try await ProviderClient(provider: provider, config: slow).charge(idempotencyKey: "k", amount: amount, token: "tok_timeout") }
        while provider.calls == 0 { try await Task.sleep(for: .milliseconds(1)) }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(provider.calls == 1, "no retry and no lookup after cancellation")
    }
}

/// A provider that records the charge, then never answers (as a PSP that charged after our timeout).
struct ChargesButNeverAnswers: PaymentProvider {
    let inner: TestPaymentProvider

    func charge(idempotencyKey: String, amount: EventMoney, token: String) async throws -> ProviderCharge {
        _ = try await inner.charge(idempotencyKey: idempotencyKey, amount: amount, token: token)
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    func refund(idempotencyKey: String, chargeReference: String, amount: EventMoney) async throws -> ProviderRefund {
        try await inner.refund(idempotencyKey: idempotencyKey, chargeReference: chargeReference, amount: amount)
    }

    func lookup(idempotencyKey: String) async throws -> ProviderCharge? { try await inner.lookup(idempotencyKey: idempotencyKey) }
}

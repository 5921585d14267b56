import Contracts
import Foundation
import Synchronization
import Testing
@testable import PaymentsService

/// Tier: unit. The built-in provider behaves like a PSP's test mode.
@Suite struct TestPaymentProviderTests {
    let amount = EventMoney(amount: 1_999, currency: "EUR")

    @Test(arguments: [("tok_visa", ProviderCharge.Status.succeeded), ("tok_declined", .failed(.declined)),
                      ("tok_insufficient_funds", .failed(.insufficientFunds)), ("tok_mastercard", .failed(.invalidToken)),
                      ("", .failed(.invalidToken))])
    func eachTokenHasItsOutcome(token: String, status: ProviderCharge.Status) async throws {
        let provider = TestPaymentProvider()
        let charge = try await provider.charge(idempotencyKey: "k", amount: amount, token: token)
        #expect(charge.status == status && charge.amount == amount && charge.reference.hasPrefix("ch_"))
        #expect((charge.message == nil) == (status == .succeeded))
    }

    @Test func theTimeoutTokenNeverAnswersUntilCancelled() async throws {
        let provider = TestPaymentProvider()
        let call = Task { try await provider.charge(idempotencyKey: "k", amount: amount, token: "tok_timeout") }
        // Wait until the call has arrived, then give up on it as a client would.
        while provider.calls == 0 { try await Task.sleep(for: .milliseconds(1)) }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(try await provider.lookup(idempotencyKey: "k") == nil, "nothing was charged")
    }

    @Test func aKeyIsChargedOnceAndAnsweredAgain() async throws {
        let provider = TestPaymentProvider()
        let first = try await provider.charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa")
        let again = try await provider.charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa")
        #expect(first == again)
        #expect(provider.recordedCharges == [first])
        #expect(try await provider.lookup(idempotencyKey: "order-1") == first)
        #expect(try await provider.lookup(idempotencyKey: "order-2") == nil)
        await #expect(throws: ProviderError(.rejected, "The idempotency key was used with other parameters.")) {
            try await provider.charge(idempotencyKey: "order-1", amount: EventMoney(amount: 1, currency: "EUR"), token: "tok_visa")
        }
    }

    @Test func concurrentCallsWithOneKeyChargeOnce() async throws {
        let provider = TestPaymentProvider()
        let charges = try await withThrowingTaskGroup(of: ProviderCharge.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.charge(idempotencyKey: "k", amount: amount, token: "tok_visa") } }
            return try await group.reduce(into: [ProviderCharge]()) { $0.append($1) }
        }
        #expect(Set(charges.map(\.reference)).count == 1)
        #expect(provider.recordedCharges.count == 1)
    }

    @Test func refundsAreIdempotentAndBounded() async throws {
        let provider = TestPaymentProvider()
        let charge = try await provider.charge(idempotencyKey: "c", amount: amount, token: "tok_visa")
        let refund = try await provider.refund(idempotencyKey: "r", chargeReference: charge.reference, amount: amount)
        #expect(try await provider.refund(idempotencyKey: "r", chargeReference: charge.reference, amount: amount) == refund)
        #expect(provider.recordedRefunds == [refund])
        await #expect(throws: ProviderError.self, "nothing is left to refund") {
            try await provider.refund(idempotencyKey: "r2", chargeReference: charge.reference, amount: amount)
        }
        let declined = try await provider.charge(idempotencyKey: "d", amount: amount, token: "tok_declined")
        await #expect(throws: ProviderError.self, "a failed charge cannot be refunded") {
            try await provider.refund(idempotencyKey: "r3", chargeReference: declined.reference, amount: amount)
        }
        await #expect(throws: ProviderError.self) { try await provider.refund(idempotencyKey: "r4", chargeReference: "ch_x", amount: amount) }
    }

    @Test func theFailureRateFailsThatFractionOfCallsBeforeDoingAnything() async throws {
        // A seeded source: every other call draws below the rate.
        let draws = Mutex(0)
        let provider = TestPaymentProvider(settings: .init(failureRate: 0.5)) {
            draws.withLock { count in
                count += 1
                return count % 2 == 1 ? 0.1 : 0.9
            }
        }
        var failures = 0
        for index in 0..<10 {
            do {
                _ = try await provider.charge(idempotencyKey: "k\(index)", amount: amount, token: "tok_visa")
            } catch let error as ProviderError {
                #expect(error.kind == .transient)
                failures += 1
            }
        }
        #expect(failures == 5)
        #expect(provider.recordedCharges.count == 5, "a failed call charged nothing")
        #expect(TestPaymentProvider.Settings(failureRate: 3).failureRate == 1 && TestPaymentProvider.Settings(failureRate: -1).failureRate == 0)
    }

    @Test func latencyDelaysEveryCall() async throws {
        let provider = TestPaymentProvider(settings: .init(latency: .milliseconds(30)))
        let started = ContinuousClock.now
        _ = try await provider.charge(idempotencyKey: "k", amount: amount, token: "tok_visa")
        #expect(ContinuousClock.now - started >= .milliseconds(30))
    }
}

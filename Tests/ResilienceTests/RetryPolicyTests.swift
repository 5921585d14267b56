import Resilience
import Testing

/// Backoff growth, full-jitter bounds and which outcomes are retried.
@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1))

    @Test func ceilingDoublesUpToTheCap() {
        let ceilings = (1...6).map { policy.backoffCeiling(beforeRetry: $0) }
        #expect(ceilings == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test func fullJitterStaysWithinZeroAndTheCeiling() {
        #expect(policy.backoff(beforeRetry: 3, unitRandom: 0) == .zero)
        #expect(policy.backoff(beforeRetry: 3, unitRandom: 0.5) == .milliseconds(200))
        #expect(policy.backoff(beforeRetry: 3, unitRandom: 1.5) == .milliseconds(400))
        var generator = SystemRandomNumberGenerator()
        for retry in 1...6 {
            for _ in 0..<200 {
                let wait = policy.backoff(beforeRetry: retry, unitRandom: Double.random(in: 0..<1, using: &generator))
                #expect(wait >= .zero && wait < policy.backoffCeiling(beforeRetry: retry))
            }
        }
    }

    @Test func retriesOnlyRetryableOutcomesOfIdempotentCalls() {
        let unavailable = AttemptOutcome.response(status: 503, retryAfter: nil)
        #expect(policy.decide(after: unavailable, attempt: 1, idempotent: true, unitRandom: 0.5) == .retry(after: .milliseconds(50)))
        #expect(policy.decide(after: unavailable, attempt: 1, idempotent: false, unitRandom: 0.5) == .stop)
        #expect(policy.decide(after: unavailable, attempt: 6, idempotent: true, unitRandom: 0.5) == .stop)
        for status in [502, 504, 429] {
            #expect(policy.decide(after: .response(status: status, retryAfter: nil), attempt: 2, idempotent: true, unitRandom: 0) == .retry(after: .zero))
        }
        for status in [200, 400, 404, 409, 500] {
            #expect(policy.decide(after: .response(status: status, retryAfter: nil), attempt: 1, idempotent: true, unitRandom: 0) == .stop)
        }
        #expect(policy.decide(after: .attemptTimedOut, attempt: 1, idempotent: true, unitRandom: 0) == .retry(after: .zero))
        #expect(policy.decide(after: .transportFailure(retryable: true), attempt: 1, idempotent: true, unitRandom: 0) == .retry(after: .zero))
        #expect(policy.decide(after: .transportFailure(retryable: false), attempt: 1, idempotent: true, unitRandom: 0) == .stop)
    }

    @Test func retryAfterRaisesTheWaitButNeverLowersIt() {
        let slow = AttemptOutcome.response(status: 429, retryAfter: .seconds(3))
        #expect(policy.decide(after: slow, attempt: 1, idempotent: true, unitRandom: 0.5) == .retry(after: .seconds(3)))
        let quick = AttemptOutcome.response(status: 503, retryAfter: .zero)
        #expect(policy.decide(after: quick, attempt: 4, idempotent: true, unitRandom: 0.5) == .retry(after: .milliseconds(400)))
        #expect(AttemptOutcome.retryAfter(headerValue: " 7 ") == .seconds(7))
        #expect(AttemptOutcome.retryAfter(headerValue: "Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(AttemptOutcome.retryAfter(headerValue: "-1") == nil)
        #expect(AttemptOutcome.retryAfter(headerValue: nil) == nil)
    }

    @Test func breakerCountsServerFailuresNotClientErrors() {
        #expect(AttemptOutcome.response(status: 500, retryAfter: nil).breakerOutcome == .failure)
        #expect(AttemptOutcome.response(status: 429, retryAfter: nil).breakerOutcome == .success)
        #expect(AttemptOutcome.response(status: 404, retryAfter: nil).breakerOutcome == .success)
        #expect(AttemptOutcome.attemptTimedOut.breakerOutcome == .failure)
        #expect(AttemptOutcome.transportFailure(retryable: false).breakerOutcome == .failure)
    }
}

import Testing
@testable import IdentityService

@Suite struct LoginThrottleTests {
    let policy = LoginThrottlePolicy()
    let now: Int64 = 1_000_000

    func failures(_ count: Int, everySeconds: Int64 = 10) -> [Int64] {
        (0..<count).map { now - Int64($0 + 1) * everySeconds }
    }

    @Test func fewFailuresAreAllowed() {
        #expect(policy.decide(accountFailures: failures(4), addressFailures: [], now: now) == .allow)
    }

    @Test func afterFiveFailuresAttemptsAreDelayedIncreasingly() {
        #expect(policy.decide(accountFailures: failures(5), addressFailures: [], now: now) == .delay(seconds: 1))
        #expect(policy.decide(accountFailures: failures(7), addressFailures: [], now: now) == .delay(seconds: 3))
        #expect(policy.decide(accountFailures: failures(9), addressFailures: [], now: now) == .delay(seconds: 5))
    }

    @Test func afterTenFailuresAttemptsAreRefusedUntilTheWindowPasses() {
        // Failures at now-10 … now-100; the 10th newest (now-100) leaves the 900 s window after 800 s.
        #expect(policy.decide(accountFailures: failures(10), addressFailures: [], now: now) == .refuse(retryAfterSeconds: 800))
        #expect(policy.decide(accountFailures: failures(12), addressFailures: [], now: now) == .refuse(retryAfterSeconds: 800))
    }

    @Test func failuresOutsideTheWindowDoNotCount() {
        let old = (0..<20).map { now - 901 - Int64($0) }
        #expect(policy.decide(accountFailures: old, addressFailures: old, now: now) == .allow)
    }

    @Test func addressThresholdsAreSeparateAndHigher() {
        #expect(policy.decide(accountFailures: [], addressFailures: failures(19), now: now) == .allow)
        #expect(policy.decide(accountFailures: [], addressFailures: failures(20), now: now) == .delay(seconds: 1))
        if case .refuse = policy.decide(accountFailures: [], addressFailures: failures(50), now: now) {} else {
            Issue.record("50 failures from one address must be refused")
        }
    }

    @Test func theLongerRefusalWins() {
        let decision = policy.decide(accountFailures: failures(10, everySeconds: 1), addressFailures: failures(50, everySeconds: 5), now: now)
        // Account: the 10th newest failure is 10 s old (890 s left); address: the 50th is 250 s old (650 s left).
        #expect(decision == .refuse(retryAfterSeconds: 890))
    }

    @Test func zeroDelayStepMeansNoDelay() {
        var quick = policy
        quick.delayStepSeconds = 0
        #expect(quick.decide(accountFailures: failures(7), addressFailures: [], now: now) == .allow)
    }
}

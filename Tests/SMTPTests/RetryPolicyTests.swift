import Testing
@testable import SMTP

/// Tier: unit. Backoff arithmetic and the retry loop, with sleep and jitter injected so nothing waits.
@Suite struct RetryPolicyTests {
    private let transient = SMTPError(code: .connectionClosed, message: "dropped")
    private let permanent = SMTPError(code: .recipientRejected, message: "no such user", reply: SMTPReply(code: 550, lines: ["5.1.1 no"]))

    @Test func ceilingDoublesUpToTheMaximum() {
        let policy = SMTPRetryPolicy(maximumAttempts: 10, baseDelay: .seconds(1), maximumDelay: .seconds(10))
        #expect((1...6).map(policy.delayCeiling(afterAttempt:)) == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        #expect(policy.delayCeiling(afterAttempt: 500) == .seconds(10))
    }

    @Test func transientFailuresAreRetriedWithJitteredBackoffThenSucceed() async throws {
        let policy = SMTPRetryPolicy(maximumAttempts: 4, baseDelay: .seconds(2), maximumDelay: .seconds(60))
        var attempts = 0
        var slept: [Duration] = []
        var ceilings: [Duration] = []
        let result = try await policy.run(
            sleep: { slept.append($0) },
            jitter: { ceiling in ceilings.append(ceiling); return ceiling / 2 },
            operation: {
                attempts += 1
                if attempts < 3 { throw transient }
                return "sent"
            })
        #expect(result == "sent")
        #expect(attempts == 3)
        #expect(ceilings == [.seconds(2), .seconds(4)])
        #expect(slept == [.seconds(1), .seconds(2)])
    }

    @Test func permanentFailureGivesUpAtOnce() async {
        var attempts = 0
        var slept: [Duration] = []
        await #expect(throws: permanent) {
            try await SMTPRetryPolicy(maximumAttempts: 5).run(sleep: { slept.append($0) }) {
                attempts += 1
                throw permanent
            }
        }
        #expect(attempts == 1)
        #expect(slept.isEmpty)
    }

    @Test func attemptsRunOutWithTheLastTransientError() async {
        var attempts = 0
        var retries: [Int] = []
        await #expect(throws: transient) {
            try await SMTPRetryPolicy(maximumAttempts: 3).run(
                sleep: { _ in }, onRetry: { _, attempt, _ in retries.append(attempt) }
            ) {
                attempts += 1
                throw transient
            }
        }
        #expect(attempts == 3)
        #expect(retries == [1, 2])
    }

    @Test func otherErrorsAreNotRetried() async {
        struct Unrelated: Error {}
        var attempts = 0
        await #expect(throws: Unrelated.self) {
            try await SMTPRetryPolicy().run(sleep: { _ in }) {
                attempts += 1
                throw Unrelated()
            }
        }
        #expect(attempts == 1)
    }

    @Test func defaultJitterStaysWithinTheCeiling() async throws {
        var slept: [Duration] = []
        var attempts = 0
        _ = try await SMTPRetryPolicy(maximumAttempts: 30, baseDelay: .milliseconds(100), maximumDelay: .seconds(1)).run(sleep: { slept.append($0) }) {
            attempts += 1
            if attempts < 30 { throw transient }
            return ()
        }
        #expect(slept.count == 29)
        #expect(slept.allSatisfy { $0 >= .zero && $0 <= .seconds(1) })
        #expect(Set(slept).count > 1)
    }
}

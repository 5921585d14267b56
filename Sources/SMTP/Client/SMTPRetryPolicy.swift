/// Retries a send on transient failures with exponential backoff and full jitter
/// (a random delay between 0 and `min(maximumDelay, baseDelay · 2^(n-1))` after the n-th failure),
/// giving up at once on permanent ones. Sleep and randomness are injected so tests never wait.
public struct SMTPRetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maximumAttempts: Int
    /// The backoff ceiling after the first failure.
    public var baseDelay: Duration
    /// The backoff ceiling never grows beyond this.
    public var maximumDelay: Duration

    /// A policy; the defaults give up after about a minute of trying.
    public init(maximumAttempts: Int = 5, baseDelay: Duration = .seconds(2), maximumDelay: Duration = .seconds(60)) {
        precondition(maximumAttempts >= 1, "at least one attempt")
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The largest delay after failed attempt number `attempt` (1-based).
    public func delayCeiling(afterAttempt attempt: Int) -> Duration {
        // Capped exponent: 2^20 · any sane base already exceeds every sane maximum.
        let factor = 1 << min(max(attempt - 1, 0), 20)
        let delay = baseDelay * factor
        return delay < maximumDelay ? delay : maximumDelay
    }

    /// Runs `operation` until it succeeds, fails permanently, or attempts run out; throws the last error.
    /// `sleep` waits between attempts; `jitter` picks the actual delay from `0...ceiling`.
    public func run<Result: Sendable>(
        sleep: (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        jitter: (Duration) -> Duration = { ceiling in ceiling * Double.random(in: 0...1) },
        onRetry: (SMTPError, _ attempt: Int, _ delay: Duration) -> Void = { _, _, _ in },
        operation: () async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as SMTPError where error.isTransient && attempt < maximumAttempts {
                let delay = jitter(delayCeiling(afterAttempt: attempt))
                onRetry(error, attempt, delay)
                try await sleep(delay)
                attempt += 1
            }
        }
    }
}

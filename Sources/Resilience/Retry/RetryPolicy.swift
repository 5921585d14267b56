/// How often and how long apart a failed idempotent call is tried again: exponential backoff with
/// full jitter (each wait is uniform in `0 … min(maxDelay, baseDelay × 2^(retry-1))`).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1 turns retries off).
    public var maxAttempts: Int
    /// Ceiling of the first retry's wait.
    public var baseDelay: Duration
    /// Largest ceiling any wait can have.
    public var maxDelay: Duration

    /// A policy with Mercato's defaults: 3 attempts, 100 ms base, 2 s cap.
    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(2)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The ceiling of the wait before retry number `retry` (1 for the first retry).
    public func backoffCeiling(beforeRetry retry: Int) -> Duration {
        var ceiling = baseDelay
        for _ in 1..<max(1, retry) {
            ceiling *= 2
            if ceiling >= maxDelay { return maxDelay }
        }
        return min(ceiling, maxDelay)
    }

    /// The wait before retry number `retry`, given `unitRandom` in `0..<1`.
    public func backoff(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        let fraction = min(max(unitRandom, 0), 1)
        return .nanoseconds(Int64((Double(backoffCeiling(beforeRetry: retry).nanoseconds) * fraction).rounded(.down)))
    }

    /// Whether a call whose attempt number `attempt` ended with `outcome` may be tried again,
    /// and after how long. `Retry-After` raises the wait, never lowers it.
    public func decide(after outcome: AttemptOutcome, attempt: Int, idempotent: Bool, unitRandom: Double) -> RetryDecision {
        guard idempotent, outcome.isRetryable, attempt < maxAttempts else { return .stop }
        let backoff = backoff(beforeRetry: attempt, unitRandom: unitRandom)
        return .retry(after: max(backoff, outcome.retryAfter ?? .zero))
    }
}

/// What to do after a failed attempt.
public enum RetryDecision: Sendable, Equatable {
    /// Try again after the wait.
    case retry(after: Duration)
    /// Give up and report the outcome.
    case stop
}

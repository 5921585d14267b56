import Configuration

/// Every resilience setting for one downstream.
///
/// Keys, read as `resilience.<downstream>.<key>` and falling back to `resilience.<key>`:
/// `timeout` (double s, default 5 — a whole call, retries included), `attemptTimeout` (double s,
/// default 2), `maxAttempts` (int, default 3), `backoffBase` (double s, default 0.1),
/// `backoffMax` (double s, default 2), `retryBudgetRatio` (double, default 0.2),
/// `retryBudgetMinimum` (int retries per window, default 10), `retryBudgetWindow` (double s, default 10),
/// `breakerFailureRate` (double 0…1, default 0.5), `breakerWindowSize` (int calls, default 20),
/// `breakerMinimumCalls` (int, default 10), `breakerOpenDuration` (double s, default 10),
/// `breakerHalfOpenCalls` (int, default 3), `maxConcurrentCalls` (int, default 64).
public struct DownstreamPolicy: Sendable, Equatable {
    /// Time for a whole call, retries and waits included.
    public var timeout: Duration
    /// Time for one attempt.
    public var attemptTimeout: Duration
    /// Attempts and backoff.
    public var retry: RetryPolicy
    /// The shared retry budget.
    public var retryBudget: RetryBudgetWindow.Configuration
    /// The breaker's thresholds.
    public var breaker: CircuitBreakerStateMachine.Configuration
    /// The bulkhead's cap.
    public var maxConcurrentCalls: Int
    /// How much longer than an attempt's timeout AsyncHTTPClient's own (real-time) timeout is: only a backstop, the
    /// race on the injected clock decides. Tests driving a manual clock make it large so a busy machine cannot fire it.
    public var transportBackstop: Duration = .seconds(1)

    /// A policy with the given parts (all defaulted).
    public init(timeout: Duration = .seconds(5), attemptTimeout: Duration = .seconds(2), retry: RetryPolicy = .init(),
                retryBudget: RetryBudgetWindow.Configuration = .init(), breaker: CircuitBreakerStateMachine.Configuration = .init(),
                maxConcurrentCalls: Int = 64) {
        self.timeout = timeout
        self.attemptTimeout = attemptTimeout
        self.retry = retry
        self.retryBudget = retryBudget
        self.breaker = breaker
        self.maxConcurrentCalls = maxConcurrentCalls
    }

    /// Reads the policy of `downstream` from `reader`.
    public init(reader: ConfigReader, downstream: String) {
        let shared = reader.scoped(to: "resilience")
        let own = shared.scoped(to: ConfigKey(downstream))
        let seconds = { (key: ConfigKey, fallback: Double) in Duration.seconds(own.double(forKey: key) ?? shared.double(forKey: key, default: fallback)) }
        let integer = { (key: ConfigKey, fallback: Int) in own.int(forKey: key) ?? shared.int(forKey: key, default: fallback) }
        let number = { (key: ConfigKey, fallback: Double) in own.double(forKey: key) ?? shared.double(forKey: key, default: fallback) }
        self.init(
            timeout: seconds("timeout", 5),
            attemptTimeout: seconds("attemptTimeout", 2),
            retry: RetryPolicy(maxAttempts: integer("maxAttempts", 3), baseDelay: seconds("backoffBase", 0.1), maxDelay: seconds("backoffMax", 2)),
            retryBudget: .init(ratio: number("retryBudgetRatio", 0.2), minimumRetries: integer("retryBudgetMinimum", 10),
                               window: seconds("retryBudgetWindow", 10)),
            breaker: .init(failureRateThreshold: number("breakerFailureRate", 0.5), windowSize: integer("breakerWindowSize", 20),
                           minimumCalls: integer("breakerMinimumCalls", 10), openDuration: seconds("breakerOpenDuration", 10),
                           halfOpenTrialCalls: integer("breakerHalfOpenCalls", 3)),
            maxConcurrentCalls: integer("maxConcurrentCalls", 64))
    }
}

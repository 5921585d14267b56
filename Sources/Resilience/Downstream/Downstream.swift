import Logging

/// Everything shared by the calls to one downstream service: its policy, breaker, bulkhead,
/// retry budget, metrics and clock.
public final class Downstream: Sendable {
    /// The downstream's name (`catalog`, `payments`…), the `downstream` label of its metrics.
    public let name: String
    /// The settings in force.
    public let policy: DownstreamPolicy
    /// The circuit breaker.
    public let breaker: CircuitBreaker
    /// The concurrency cap.
    public let bulkhead: Bulkhead
    /// The retry budget.
    public let retryBudget: RetryBudget
    /// The metrics.
    public let metrics: ResilienceMetrics
    /// The clock behind every timeout, wait and window.
    public let clock: any Clock<Duration>

    /// The guards for `name` with `policy`, timed by `clock`; breaker transitions update the gauge and are logged.
    public init(name: String, policy: DownstreamPolicy = .init(), clock: any Clock<Duration> = ContinuousClock(),
                metrics: ResilienceMetrics? = nil, logger: Logger = Logger(label: "mercato.resilience")) {
        let metrics = metrics ?? ResilienceMetrics(downstream: name)
        self.name = name
        self.policy = policy
        self.clock = clock
        self.metrics = metrics
        self.bulkhead = Bulkhead(downstream: name, maxConcurrentCalls: policy.maxConcurrentCalls)
        self.retryBudget = RetryBudget(configuration: policy.retryBudget, clock: clock)
        self.breaker = CircuitBreaker(downstream: name, configuration: policy.breaker, clock: clock) { transition in
            metrics.breakerState.record(transition.to.gaugeValue)
            logger.warning("circuit breaker changed state", metadata: [
                "downstream": "\(name)", "from": "\(transition.from.name)", "to": "\(transition.to.name)",
            ])
        }
    }
}

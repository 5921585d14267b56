import Metrics
import Synchronization

/// The one `Downstream` per name in a process, made on first use, so every client of a
/// downstream shares its breaker, bulkhead and retry budget.
public final class DownstreamRegistry: Sendable {
    private let downstreams = Mutex<[String: Downstream]>([:])
    private let policy: @Sendable (String) -> DownstreamPolicy
    private let clock: any Clock<Duration>
    private let metricsFactory: any MetricsFactory

    /// A registry taking each downstream's policy from `policy`, timing with `clock`, counting with `metricsFactory`.
    public init(policy: @escaping @Sendable (String) -> DownstreamPolicy = { _ in DownstreamPolicy() },
                clock: any Clock<Duration> = ContinuousClock(), metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        self.policy = policy
        self.clock = clock
        self.metricsFactory = metricsFactory
    }

    /// The guards of the downstream `name`.
    public func downstream(_ name: String) -> Downstream {
        downstreams.withLock { known in
            if let existing = known[name] { return existing }
            let made = Downstream(name: name, policy: policy(name), clock: clock,
                                  metrics: ResilienceMetrics(downstream: name, factory: metricsFactory))
            known[name] = made
            return made
        }
    }
}

import Metrics

/// The metrics of one downstream's guards; names are Prometheus-ready, each labelled `downstream`.
public struct ResilienceMetrics: Sendable {
    /// Gauge `resilience_circuit_breaker_state`: 0 closed, 1 half-open, 2 open.
    public static let breakerStateName = "resilience_circuit_breaker_state"
    /// Counter `resilience_retries_total`: retries sent.
    public static let retriesName = "resilience_retries_total"
    /// Counter `resilience_rejected_calls_total`, label `reason` (`bulkhead_full`, `circuit_open`, `retry_budget_exhausted`).
    public static let rejectedName = "resilience_rejected_calls_total"
    /// Timer `resilience_call_duration_seconds`, label `outcome` (`success`, `failure`): whole calls, retries included.
    public static let callDurationName = "resilience_call_duration_seconds"

    let breakerState: Gauge
    let retries: Counter
    let rejectedByBulkhead: Counter
    let rejectedByBreaker: Counter
    let rejectedByBudget: Counter
    let succeeded: Timer
    let failed: Timer

    /// The metrics for `downstream`, made by `factory`.
    public init(downstream: String, factory: any MetricsFactory = MetricsSystem.factory) {
        let label = [("downstream", downstream)]
        breakerState = Gauge(label: Self.breakerStateName, dimensions: label, factory: factory)
        retries = Counter(label: Self.retriesName, dimensions: label, factory: factory)
        rejectedByBulkhead = Counter(label: Self.rejectedName, dimensions: label + [("reason", "bulkhead_full")], factory: factory)
        rejectedByBreaker = Counter(label: Self.rejectedName, dimensions: label + [("reason", "circuit_open")], factory: factory)
        rejectedByBudget = Counter(label: Self.rejectedName, dimensions: label + [("reason", "retry_budget_exhausted")], factory: factory)
        succeeded = Timer(label: Self.callDurationName, dimensions: label + [("outcome", "success")], factory: factory)
        failed = Timer(label: Self.callDurationName, dimensions: label + [("outcome", "failure")], factory: factory)
        breakerState.record(0)
    }

    /// Counts a call refused with `error`'s code.
    func countRejection(_ error: ResilienceError) {
        switch error.code {
        case .bulkheadFull: rejectedByBulkhead.increment()
        case .circuitOpen: rejectedByBreaker.increment()
        case .retryBudgetExhausted: rejectedByBudget.increment()
        default: break
        }
    }
}

import Metrics
import Prometheus

/// The process's Prometheus registry, installed as the swift-metrics backend.
public struct MetricsRegistry: Sendable {
    /// Registry rendered by `/metrics`.
    public let registry: PrometheusCollectorRegistry
    /// Process gauges refreshed on every scrape.
    public let process: ProcessMetrics

    /// Creates a registry and, when `bootstrapSystem` is true, makes it swift-metrics' backend (once per process).
    public init(bootstrapSystem: Bool) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        self.process = ProcessMetrics(registry: registry)
        if bootstrapSystem {
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        }
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        process.refresh()
        return registry.emitToString()
    }
}

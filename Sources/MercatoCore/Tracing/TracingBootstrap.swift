import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Installs the process's tracer: spans are always created and W3C `traceparent` is always
/// accepted and propagated (so logs carry `trace_id`/`span_id`); they are exported over
/// OTLP/HTTP only when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-specific variable) is set.
public enum TracingBootstrap {
    /// Bootstraps tracing for `service` and returns the exporter service to run first in the group.
    public static func bootstrap(service: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any Service {
        var configuration = OTel.Configuration.default
        configuration.serviceName = service
        configuration.diagnosticLogger = .console
        configuration.diagnosticLogLevel = .error
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.propagators = [.traceContext]
        let exporting = environment["OTEL_EXPORTER_OTLP_ENDPOINT"] != nil || environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] != nil
        configuration.traces.exporter = exporting ? .otlp : .none
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// The log metadata provider adding `trace_id` and `span_id` of the current span.
    public static var loggingMetadataProvider: Logger.MetadataProvider {
        OTel.makeLoggingMetadataProvider()
    }
}

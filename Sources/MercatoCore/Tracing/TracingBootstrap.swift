import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Installs the process's tracer: W3C `traceparent` is always accepted and propagated and spans
/// always get ids (so logs carry `trace_id`/`span_id`); spans are recorded and exported over
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
        // Without an exporter, new traces are not recorded (ids are still made and propagated, so logs carry them);
        // a caller that sampled its trace still gets recorded spans, as the parent decided.
        configuration.traces.sampler = exporting ? .parentBasedAlwaysOn : .parentBasedAlwaysOff
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

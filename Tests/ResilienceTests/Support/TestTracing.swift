import Instrumentation
import OTel
import Tracing
import W3CTraceContext

/// A real W3C tracer (swift-otel, nothing exported) for checking `traceparent`, without bootstrapping the process.
enum TestTracing {
    struct DictionaryInjector: Injector {
        func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
    }

    /// A tracer that records spans and propagates `traceparent`.
    static func tracer() throws -> any Tracer {
        var configuration = OTel.Configuration.default
        configuration.traces.exporter = .none
        configuration.traces.sampler = .alwaysOn
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.propagators = [.traceContext]
        return try OTel.makeTracingBackend(configuration: configuration).factory
    }

    /// The trace id in a `traceparent` value.
    static func traceID(of traceparent: String) throws -> String {
        try TraceContext(traceParentHeaderValue: traceparent).traceID.description
    }

    /// The trace id of `context`, as `tracer` would send it.
    static func traceID(of context: ServiceContext, tracer: any Tracer) throws -> String {
        var headers: [String: String] = [:]
        tracer.inject(context, into: &headers, using: DictionaryInjector())
        return try traceID(of: headers["traceparent"] ?? "")
    }
}

import Instrumentation
import NIOHTTP1

/// Writes trace context (`traceparent`, `tracestate`) into request headers, replacing earlier values,
/// so a retried request never carries two.
struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: key, value: value)
    }
}

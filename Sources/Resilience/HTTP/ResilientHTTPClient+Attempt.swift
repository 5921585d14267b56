import AsyncHTTPClient
import Instrumentation
import NIOCore
import NIOHTTP1
import Tracing

/// How one attempt ended, with what it produced.
enum AttemptResult: Sendable {
    /// The downstream answered (any status).
    case answered(ResilientResponse)
    /// The attempt ran out of time.
    case timedOut
    /// The request failed below HTTP.
    case failed(AttemptOutcome, any Error & Sendable)
    /// The caller's task was cancelled.
    case cancelled

    /// The outcome as retry and breaker see it; nil when cancelled.
    var outcome: AttemptOutcome? {
        switch self {
        case .answered(let response):
            .response(status: Int(response.status.code),
                      retryAfter: AttemptOutcome.retryAfter(headerValue: response.headers.first(name: "Retry-After")))
        case .timedOut: .attemptTimedOut
        case .failed(let outcome, _): outcome
        case .cancelled: nil
        }
    }
}

extension ResilientHTTPClient {
    /// One attempt in its own client span, bounded by `timeout` on the downstream's clock.
    func send(_ request: HTTPClientRequest, timeout: Duration, remaining: Duration, maxBytes: Int) async -> AttemptResult {
        let span = tracer.startSpan("HTTP \(request.method.rawValue) \(downstream.name)", context: ServiceContext.current ?? .topLevel,
                                    ofKind: .client)
        defer { span.end() }
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["server.service"] = downstream.name
        var request = request
        // An HTTPClient with its own tracer injects the context itself; two `traceparent` headers would be invalid.
        if httpClient.tracer == nil { tracer.inject(span.context, into: &request.headers, using: HTTPHeadersInjector()) }
        request.headers.replaceOrAdd(name: RequestTimeoutHeader.name, value: RequestTimeoutHeader.value(for: remaining))
        let result = await ServiceContext.withValue(span.context) {
            await exchange(request, timeout: timeout, maxBytes: maxBytes)
        }
        switch result {
        case .answered(let response):
            span.attributes["http.response.status_code"] = Int(response.status.code)
            if response.status.code >= 500 { span.setStatus(.init(code: .error)) }
        case .timedOut, .failed:
            span.setStatus(.init(code: .error))
        case .cancelled:
            break
        }
        return result
    }

    private func exchange(_ request: HTTPClientRequest, timeout: Duration, maxBytes: Int) async -> AttemptResult {
        let httpClient = self.httpClient
        let logger = self.logger
        // AsyncHTTPClient's own timeout is only a backstop: the race on the injected clock decides.
        let backstop = TimeAmount(timeout + downstream.policy.transportBackstop)
        do {
            let response = try await withTimeout(timeout, on: downstream.clock) {
                let response = try await httpClient.execute(request, timeout: backstop, logger: logger)
                let body = try await response.body.collect(upTo: maxBytes)
                return ResilientResponse(status: response.status, headers: response.headers, body: body, attempts: 1)
            }
            return response.map(AttemptResult.answered) ?? .timedOut
        } catch {
            if Task.isCancelled { return .cancelled }
            return .failed(AttemptOutcome.failure(error), error)
        }
    }
}

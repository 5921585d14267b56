import AsyncHTTPClient
import Instrumentation
import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// An HTTP client for calls to one downstream service, with every guard of `Downstream` applied.
///
/// Layers, outermost first: the call's deadline (`CallOptions.timeout`, or the earlier deadline in
/// `ServiceContext`) → the bulkhead (one slot for the whole call, retries included) → the retry loop
/// (idempotent calls only; each retry paid from the retry budget) → the circuit breaker (asked per
/// attempt, so it sees every real outcome and an open breaker stops retries) → the attempt timeout
/// (`attemptTimeout`, never past the deadline) → the request, with `traceparent`, `Authorization:
/// Bearer <service token>` and `X-Request-Timeout-Ms` (time left) added.
///
/// A 401 renews the service token once and resends (the request was not processed). Statuses below
/// 500 other than 429 are returned; 5xx and 429 become `ResilienceError.upstream` once no retry is left.
public struct ResilientHTTPClient: Sendable {
    /// The downstream's shared guards.
    public let downstream: Downstream
    let httpClient: HTTPClient
    let tokenSource: (any ServiceTokenSource)?
    let tracer: any Tracer
    let unitRandom: @Sendable () -> Double
    let logger: Logger

    /// A client for `downstream` over `httpClient` (see `HTTPClient.Configuration.serviceToService`),
    /// sending tokens from `tokenSource`; `tracer` and `unitRandom` (jitter, in `0..<1`) are injectable for tests.
    public init(downstream: Downstream, httpClient: HTTPClient, tokenSource: (any ServiceTokenSource)? = nil,
                tracer: any Tracer = InstrumentationSystem.tracer,
                unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                logger: Logger = Logger(label: "mercato.resilience")) {
        self.downstream = downstream
        self.httpClient = httpClient
        self.tokenSource = tokenSource
        self.tracer = tracer
        self.unitRandom = unitRandom
        self.logger = logger
    }

    /// Sends `request` with the guards applied; throws `ResilienceError` (or `CancellationError`).
    public func execute(_ request: HTTPClientRequest, options: CallOptions = .init()) async throws -> ResilientResponse {
        let clock = downstream.clock
        let elapsed = ElapsedTime(clock)
        let own = Deadline(after: options.timeout ?? downstream.policy.timeout, on: clock)
        let deadline = ServiceContext.current?.deadline.map { $0.earlier(own) } ?? own
        do {
            let response = try await downstream.bulkhead.run {
                try await callWithRetries(request, options: options, deadline: deadline)
            }
            downstream.metrics.succeeded.recordNanoseconds(elapsed.now().nanoseconds)
            return response
        } catch {
            if let error = error as? ResilienceError { downstream.metrics.countRejection(error) }
            downstream.metrics.failed.recordNanoseconds(elapsed.now().nanoseconds)
            throw error
        }
    }

    private func callWithRetries(_ request: HTTPClientRequest, options: CallOptions, deadline: Deadline) async throws -> ResilientResponse {
        let clock = downstream.clock
        var request = request
        var token = try await authorize(&request)
        let idempotent = options.isIdempotent(method: request.method, headers: request.headers)
        downstream.retryBudget.recordRequest()
        var attempt = 1
        var reauthorized = false
        while true {
            let remaining = deadline.remaining(on: clock) ?? .zero
            guard remaining > .zero else { throw ResilienceError(.deadlineExceeded, downstream: downstream.name) }
            let permit = try downstream.breaker.acquire()
            let attemptTimeout = min(remaining, options.attemptTimeout ?? downstream.policy.attemptTimeout)
            let result = await send(request, timeout: attemptTimeout, remaining: remaining, maxBytes: options.maxResponseBytes)
            guard let outcome = result.outcome else {
                downstream.breaker.record(.ignored, for: permit)
                throw CancellationError()
            }
            downstream.breaker.record(outcome.breakerOutcome, for: permit)
            // A 401 means the request was not processed: renew the token once and send it again.
            if case .answered(let response) = result, response.status == .unauthorized, let tokenSource, let stale = token, !reauthorized {
                reauthorized = true
                await tokenSource.invalidate(stale)
                token = try await authorize(&request)
                continue
            }
            if case .answered(var response) = result, outcome.isSuccess {
                response.attempts = attempt
                return response
            }
            let failure = error(for: result, deadline: deadline)
            guard case .retry(let wait) = downstream.policy.retry.decide(after: outcome, attempt: attempt, idempotent: idempotent,
                                                                          unitRandom: unitRandom()),
                  wait < deadline.remaining(on: clock) ?? .zero else { throw failure }
            guard downstream.retryBudget.withdrawRetry() else {
                throw ResilienceError(.retryBudgetExhausted, downstream: downstream.name, status: failure.status, underlying: failure)
            }
            downstream.metrics.retries.increment()
            logger.debug("retrying call", metadata: ["downstream": "\(downstream.name)", "attempt": "\(attempt + 1)", "after": "\(failure)"])
            try await clock.sleep(for: wait)
            attempt += 1
        }
    }

    /// Puts the service token in `Authorization`; returns it (nil without a token source).
    private func authorize(_ request: inout HTTPClientRequest) async throws -> String? {
        guard let tokenSource else { return nil }
        do {
            let token = try await tokenSource.token()
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer " + token)
            return token
        } catch {
            throw ResilienceError(.serviceTokenUnavailable, downstream: downstream.name, underlying: error)
        }
    }

    private func error(for result: AttemptResult, deadline: Deadline) -> ResilienceError {
        switch result {
        case .answered(let response):
            let retryAfter = AttemptOutcome.retryAfter(headerValue: response.headers.first(name: "Retry-After"))
            return ResilienceError(.upstream, downstream: downstream.name, status: Int(response.status.code), retryAfter: retryAfter)
        case .timedOut:
            let passed = (deadline.remaining(on: downstream.clock) ?? .zero) <= .zero
            return ResilienceError(passed ? .deadlineExceeded : .attemptTimedOut, downstream: downstream.name)
        case .failed(_, let error):
            return ResilienceError(.transport, downstream: downstream.name, underlying: error)
        case .cancelled:
            return ResilienceError(.transport, downstream: downstream.name, underlying: CancellationError())
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

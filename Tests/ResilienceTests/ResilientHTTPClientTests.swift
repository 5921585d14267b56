import AsyncHTTPClient
import Hummingbird
import Instrumentation
import MetricsTestKit
import Tracing
import NIOCore
import Resilience
import Testing

/// The resilient client against a real local HTTP server, timed by a manual clock.
@Suite struct ResilientHTTPClientTests {
    let clock = ManualClock()
    let metrics = TestMetrics()
    let hits = RequestCounter()
    let gate = Gate()
    let arrived = Gate()

    /// A server whose routes answer by how often they were called.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let hits = self.hits
        let gate = self.gate
        let arrived = self.arrived
        router.get("flaky") { _, _ -> Response in
            hits.next("flaky") <= 2 ? Response(status: .serviceUnavailable) : Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "fine")))
        }
        router.post("flaky") { _, _ -> HTTPResponse.Status in
            hits.next("post") < 3 ? .serviceUnavailable : .created
        }
        router.get("broken") { _, _ -> HTTPResponse.Status in
            _ = hits.next("broken")
            return .internalServerError
        }
        router.get("missing") { _, _ -> HTTPResponse.Status in
            _ = hits.next("missing")
            return .notFound
        }
        router.get("busy") { _, _ -> Response in
            hits.next("busy") == 1 ? Response(status: .tooManyRequests, headers: [.retryAfter: "1"]) : Response(status: .ok)
        }
        router.get("slow") { _, _ -> HTTPResponse.Status in
            if hits.next("slow") == 1 {
                arrived.open()
                await gate.wait()
            }
            return .ok
        }
        router.get("hang") { _, _ -> HTTPResponse.Status in
            _ = hits.next("hang")
            await gate.wait()
            return .ok
        }
        router.post("guarded") { request, _ -> HTTPResponse.Status in
            _ = hits.next("guarded")
            return request.headers[.authorization] == "Bearer token-2" ? .ok : .unauthorized
        }
        router.get("echo") { request, _ -> String in
            _ = hits.next("echo")
            let names = ["traceparent", "authorization", "x-request-timeout-ms"]
            return names.map { name in
                "\(name)=\(request.headers.first { $0.name.canonicalName == name }?.value ?? "-")"
            }.joined(separator: "\n")
        }
        return router
    }

    func client(_ httpClient: HTTPClient, _ policy: DownstreamPolicy = .init(attemptTimeout: .seconds(10)),
                tracer: any Tracer = NoOpTracer(), token: String? = nil) -> ResilientHTTPClient {
        client(httpClient, policy, tracer: tracer, tokens: token.map(FixedToken.init))
    }

    func client(_ httpClient: HTTPClient, _ policy: DownstreamPolicy = .init(attemptTimeout: .seconds(10)),
                tracer: any Tracer = NoOpTracer(), tokens: (any ServiceTokenSource)?) -> ResilientHTTPClient {
        var policy = policy
        // The manual clock decides timeouts here; the real-time backstop must never fire on a busy machine.
        policy.transportBackstop = .seconds(120)
        let registry = DownstreamRegistry(policy: { [policy] _ in policy }, clock: clock, metricsFactory: metrics)
        return ResilientHTTPClient(downstream: registry.downstream("catalog"), httpClient: httpClient,
                                   tokenSource: tokens, tracer: tracer, unitRandom: { 0 })
    }

    func counter(_ label: String, _ extra: [(String, String)] = []) -> Int64 {
        metrics.counterTotal(label: label, dimensions: [("downstream", "catalog")] + extra)
    }

    func echoed(_ response: ResilientResponse) -> [String: String] {
        var fields: [String: String] = [:]
        for line in String(buffer: response.body).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            fields[String(parts[0])] = String(parts[1])
        }
        return fields
    }

    @Test func retriesAnIdempotentCallThrough503s() async throws {
        try await withTestServer(router()) { url, http in
            let response = try await client(http).execute(HTTPClientRequest(url: url + "/flaky"))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "fine")
            #expect(response.attempts == 3)
            #expect(hits.count("flaky") == 3)
            #expect(counter(ResilienceMetrics.retriesName) == 2)
        }
    }

    @Test func neverRetriesAPostWithoutAnIdempotencyKey() async throws {
        try await withTestServer(router()) { url, http in
            var request = HTTPClientRequest(url: url + "/flaky")
            request.method = .POST
            let error = await #expect(throws: ResilienceError.self) { try await client(http).execute(request) }
            #expect(error?.code == .upstream)
            #expect(error?.status == 503)
            #expect(hits.count("post") == 1)
            request.headers.add(name: "Idempotency-Key", value: "k-1")
            let answer1 = try await client(http).execute(request).status
            #expect(answer1 == .created)
            #expect(hits.count("post") == 3)
        }
    }

    @Test func doesNotRetry500sOr404s() async throws {
        try await withTestServer(router()) { url, http in
            let error = await #expect(throws: ResilienceError.self) { try await client(http).execute(HTTPClientRequest(url: url + "/broken")) }
            #expect(error?.status == 500)
            #expect(hits.count("broken") == 1)
            let answer2 = try await client(http).execute(HTTPClientRequest(url: url + "/missing")).status
            #expect(answer2 == .notFound)
            #expect(hits.count("missing") == 1)
            #expect(counter(ResilienceMetrics.retriesName) == 0)
        }
    }

    @Test func honorsRetryAfterOn429() async throws {
        try await withTestServer(router()) { url, http in
            let client = client(http)
            let call = Task { try await client.execute(HTTPClientRequest(url: url + "/busy")) }
            await clock.waitForSleeper(until: .seconds(1))
            #expect(hits.count("busy") == 1)
            clock.advance(by: .seconds(1))
            let answer3 = try await call.value.attempts
            #expect(answer3 == 2)
            #expect(hits.count("busy") == 2)
        }
        gate.open()
    }

    @Test func retriesAnAttemptThatTimesOut() async throws {
        try await withTestServer(router()) { url, http in
            let client = client(http, DownstreamPolicy(timeout: .seconds(5), attemptTimeout: .seconds(1)))
            let call = Task { try await client.execute(HTTPClientRequest(url: url + "/slow")) }
            await arrived.wait()
            await clock.waitForSleeper(until: .seconds(1))
            clock.advance(by: .seconds(1))
            let answer4 = try await call.value.attempts
            // At least one retry; on a busy machine the retry can also meet the first attempt's connection being
            // torn down (a retryable connection error) before it reaches the server.
            #expect(answer4 >= 2)
            #expect(hits.count("slow") >= 2)
            gate.open()
        }
    }

    @Test func failsWithDeadlineExceededWhenTheCallRunsOutOfTime() async throws {
        try await withTestServer(router()) { url, http in
            let client = client(http, DownstreamPolicy(timeout: .seconds(1), attemptTimeout: .seconds(2)))
            let call = Task { try await client.execute(HTTPClientRequest(url: url + "/hang")) }
            await clock.waitForSleeper(until: .seconds(1))
            clock.advance(by: .seconds(1))
            let error = await #expect(throws: ResilienceError.self) { try await call.value }
            #expect(error?.code == .deadlineExceeded)
            #expect(metrics.timers(label: ResilienceMetrics.callDurationName,
                                   dimensions: [("downstream", "catalog"), ("outcome", "failure")]).first?.values == [1_000_000_000])
            gate.open()
        }
    }

    @Test func propagatesTheRemainingTimeOfNestedDeadlines() async throws {
        try await withTestServer(router()) { url, http in
            let client = client(http)
            try await withDeadline(.seconds(3), clock: clock) {
                clock.advance(by: .seconds(1))
                try await withDeadline(.seconds(30), clock: clock) {
                    let response = try await client.execute(HTTPClientRequest(url: url + "/echo"))
                    #expect(echoed(response)["x-request-timeout-ms"] == "2000")
                }
            }
            let fresh = try await client.execute(HTTPClientRequest(url: url + "/echo"), options: .init(timeout: .milliseconds(1500)))
            #expect(echoed(fresh)["x-request-timeout-ms"] == "1500")
        }
    }

    @Test func opensTheBreakerAndStopsCallingUntilTheCoolDownPasses() async throws {
        try await withTestServer(router()) { url, http in
            let policy = DownstreamPolicy(retry: .init(maxAttempts: 1),
                                          breaker: .init(windowSize: 2, minimumCalls: 2, openDuration: .seconds(10), halfOpenTrialCalls: 1))
            let client = client(http, policy)
            let gauge = { try metrics.expectGauge(ResilienceMetrics.breakerStateName, [("downstream", "catalog")]).lastValue }
            for _ in 0..<2 { _ = try? await client.execute(HTTPClientRequest(url: url + "/broken")) }
            #expect(try gauge() == 2)
            let refused = await #expect(throws: ResilienceError.self) { try await client.execute(HTTPClientRequest(url: url + "/missing")) }
            #expect(refused?.code == .circuitOpen)
            #expect(hits.count("missing") == 0)
            #expect(counter(ResilienceMetrics.rejectedName, [("reason", "circuit_open")]) == 1)
            clock.advance(by: .seconds(10))
            let answer5 = try await client.execute(HTTPClientRequest(url: url + "/missing")).status
            #expect(answer5 == .notFound)
            #expect(try gauge() == 0)
        }
    }

    @Test func anOpenBreakerStopsRetries() async throws {
        try await withTestServer(router()) { url, http in
            let policy = DownstreamPolicy(breaker: .init(windowSize: 1, minimumCalls: 1, openDuration: .seconds(10)))
            let error = await #expect(throws: ResilienceError.self) { try await client(http, policy).execute(HTTPClientRequest(url: url + "/flaky")) }
            #expect(error?.code == .circuitOpen)
            #expect(hits.count("flaky") == 1)
        }
    }

    @Test func theBulkheadRejectsTheCallOverItsCap() async throws {
        try await withTestServer(router()) { url, http in
            let client = client(http, DownstreamPolicy(attemptTimeout: .seconds(10), maxConcurrentCalls: 1))
            let first = Task { try await client.execute(HTTPClientRequest(url: url + "/hang")) }
            await clock.waitForSleepers(1)
            let refused = await #expect(throws: ResilienceError.self) { try await client.execute(HTTPClientRequest(url: url + "/echo")) }
            #expect(refused?.code == .bulkheadFull)
            #expect(hits.count("echo") == 0)
            #expect(counter(ResilienceMetrics.rejectedName, [("reason", "bulkhead_full")]) == 1)
            gate.open()
            let answer6 = try await first.value.status
            #expect(answer6 == .ok)
        }
    }

    @Test func aSpentRetryBudgetStopsRetrying() async throws {
        try await withTestServer(router()) { url, http in
            let policy = DownstreamPolicy(retryBudget: .init(ratio: 0, minimumRetries: 1))
            let error = await #expect(throws: ResilienceError.self) { try await client(http, policy).execute(HTTPClientRequest(url: url + "/flaky")) }
            #expect(error?.code == .retryBudgetExhausted)
            #expect(error?.status == 503)
            #expect(hits.count("flaky") == 2)
            #expect(counter(ResilienceMetrics.rejectedName, [("reason", "retry_budget_exhausted")]) == 1)
        }
    }

    @Test func retriesARefusedConnection() async throws {
        try await withTestServer(router()) { _, http in
            // Port 1 on loopback has no listener: the connection is refused at once.
            let error = await #expect(throws: ResilienceError.self) { try await client(http).execute(HTTPClientRequest(url: "http://127.0.0.1:1/x")) }
            #expect(error?.code == .transport)
            #expect(counter(ResilienceMetrics.retriesName) == 2)
        }
    }

    @Test func sendsTheServiceTokenAndTraceContext() async throws {
        try await withTestServer(router()) { url, http in
            let tracer = try TestTracing.tracer()
            let client = client(http, tracer: tracer, token: "s3rvice-token")
            let parent = tracer.startSpan("checkout", context: .topLevel)
            let response = try await ServiceContext.withValue(parent.context) {
                try await client.execute(HTTPClientRequest(url: url + "/echo"))
            }
            parent.end()
            let headers = echoed(response)
            #expect(headers["authorization"] == "Bearer s3rvice-token")
            let traceparent = try #require(headers["traceparent"])
            #expect(try TestTracing.traceID(of: traceparent) == TestTracing.traceID(of: parent.context, tracer: tracer))
        }
    }

    @Test func aRefusedTokenIsRenewedOnceAndTheRequestResent() async throws {
        try await withTestServer(router()) { url, http in
            let tokens = RotatingToken()
            var request = HTTPClientRequest(url: url + "/guarded")
            request.method = .POST
            let response = try await client(http, tokens: tokens).execute(request)
            #expect(response.status == .ok)
            #expect(tokens.invalidations == 1)
            #expect(hits.count("guarded") == 2)
        }
    }

    @Test func aTokenRefusedAgainIsReturnedAs401WithoutLooping() async throws {
        try await withTestServer(router()) { url, http in
            var request = HTTPClientRequest(url: url + "/guarded")
            request.method = .POST
            let response = try await client(http, token: "token-9").execute(request)
            #expect(response.status == .unauthorized)
            #expect(hits.count("guarded") == 2)
        }
    }
}

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Instrumentation
import MercatoCore
import Resilience
import Testing

/// `X-Request-Timeout-Ms` becomes the request's deadline; a spent budget is refused before any work.
@Suite struct RequestDeadlineMiddlewareTests {
    /// A route answering with the milliseconds left on its deadline, or `none`.
    func makeApp(calls: Counter) -> some ApplicationProtocol {
        let routes = RouteTable()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ProblemMiddleware(routes: routes))
        router.add(middleware: RequestDeadlineMiddleware())
        router.get("budget") { _, _ -> String in
            await calls.increment()
            guard let left = ServiceContext.current?.deadline?.remaining(on: ContinuousClock()) else { return "none" }
            return RequestTimeoutHeader.value(for: left)
        }
        routes.load(router)
        return Application(router: router)
    }

    func get(_ client: some TestClientProtocol, header: String?) async throws -> (HTTPResponse.Status, String) {
        var headers = HTTPFields()
        if let header { headers[HTTPField.Name(RequestTimeoutHeader.name)!] = header }
        return try await client.execute(uri: "/budget", method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func theBudgetBecomesTheDeadline() async throws {
        let calls = Counter()
        try await makeApp(calls: calls).test(.router) { client in
            let (status, body) = try await get(client, header: "800")
            #expect(status == .ok)
            let left = try #require(Int(body))
            #expect(left > 0 && left <= 800)
        }
    }

    @Test func noOrMalformedHeaderMeansNoDeadline() async throws {
        let calls = Counter()
        try await makeApp(calls: calls).test(.router) { client in
            for header in [nil, "soon", "-5"] {
                let (status, body) = try await get(client, header: header)
                #expect(status == .ok)
                #expect(body == "none")
            }
        }
    }

    @Test func aSpentBudgetIsRefusedBeforeTheHandlerRuns() async throws {
        let calls = Counter()
        try await makeApp(calls: calls).test(.router) { client in
            let (status, body) = try await get(client, header: "0")
            #expect(status == .gatewayTimeout)
            #expect(body.contains("/problems/deadline-exceeded"))
            #expect(await calls.value == 0)
        }
    }
}

/// Counts handler invocations.
actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}

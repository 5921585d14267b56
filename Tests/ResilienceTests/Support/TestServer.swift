import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import Resilience
import Synchronization
import Testing

/// Runs `router` on a random local port while `body` runs, with an `HTTPClient` shut down afterwards.
func withTestServer(_ router: Router<BasicRequestContext>, _ body: @escaping @Sendable (_ baseURL: String, _ client: HTTPClient) async throws -> Void)
    async throws
{
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { testClient in
        let port = try #require(testClient.port)
        // A generous connect timeout: these tests are not about connecting, and a busy 2-core CI machine can starve the loop.
        let client = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: .serviceToService(connectTimeout: .seconds(15)))
        do {
            try await body("http://127.0.0.1:\(port)", client)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// Counts requests per key, for servers that answer differently on the n-th call.
final class RequestCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts one more request for `key` and returns the new count.
    func next(_ key: String) -> Int {
        counts.withLock { counts in
            counts[key, default: 0] += 1
            return counts[key] ?? 0
        }
    }

    /// Requests seen for `key`.
    func count(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
}

/// Holds handlers until a test opens it (a server that "hangs" without sleeping for real).
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the gate for good, releasing every waiter.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A token source that always answers the same token.
struct FixedToken: ServiceTokenSource {
    var value: String
    func token() async throws -> String { value }
}

/// A token source answering `token-<n>`, moving to the next token when the current one is invalidated.
final class RotatingToken: ServiceTokenSource {
    private let generation = Mutex(1)

    /// Tokens invalidated so far.
    var invalidations: Int { generation.withLock { $0 - 1 } }

    func token() async throws -> String { "token-\(generation.withLock { $0 })" }

    func invalidate(_ token: String) async {
        generation.withLock { if token == "token-\($0)" { $0 += 1 } }
    }
}

/// A value tests share with server handlers.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// A box holding `value`.
    init(_ value: Value) { mutex = Mutex(value) }

    /// The current value.
    var value: Value { mutex.withLock { $0 } }

    /// Changes the value.
    func update(_ change: (inout Value) -> Void) { mutex.withLock { change(&$0) } }
}

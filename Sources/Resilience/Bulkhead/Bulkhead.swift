import Synchronization

/// Caps concurrent calls to one downstream. There is no queue: a call over the cap fails at once
/// with `ResilienceError.bulkheadFull`, so a slow downstream cannot pile up waiting tasks.
public final class Bulkhead: Sendable {
    /// The downstream this bulkhead guards.
    public let downstream: String
    /// Most calls in flight at once.
    public let maxConcurrentCalls: Int
    private let inFlight = Mutex(0)

    /// A bulkhead admitting `maxConcurrentCalls` at once.
    public init(downstream: String, maxConcurrentCalls: Int = 64) {
        self.downstream = downstream
        self.maxConcurrentCalls = max(1, maxConcurrentCalls)
    }

    /// Calls in flight now.
    public var callsInFlight: Int { inFlight.withLock { $0 } }

    /// Runs `operation` in a free slot, or throws `bulkheadFull` when there is none.
    public func run<T>(_ operation: () async throws -> T) async throws -> T {
        let admitted = inFlight.withLock { count in
            guard count < maxConcurrentCalls else { return false }
            count += 1
            return true
        }
        guard admitted else { throw ResilienceError(.bulkheadFull, downstream: downstream) }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await operation()
    }
}

import Resilience
import Synchronization
import Testing

/// `withAbandoningTimeout` answers at the deadline even when the operation ignores cancellation.
@Suite struct AbandoningTimeoutTests {
    /// What an operation that ignores cancellation waits for (an NIO future, in real life), until the test opens it.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = state.withLock { state -> Bool in
                    if !state.open { state.waiter = continuation }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }

        func open() {
            state.withLock { state in
                state.open = true
                return state.waiter.take()
            }?.resume()
        }
    }

    struct Refused: Error {}

    @Test func aValueOrErrorInTimeIsPassedOn() async throws {
        #expect(try await withAbandoningTimeout(.seconds(5), on: ContinuousClock()) { 42 } == 42)
        await #expect(throws: Refused.self) {
            _ = try await withAbandoningTimeout(.seconds(5), on: ContinuousClock()) { () async throws -> Int in throw Refused() }
        }
    }

    @Test func anOperationIgnoringCancellationIsLeftBehindAtTheDeadline() async throws {
        let gate = Gate()
        let clock = ContinuousClock()
        let started = clock.now
        let value = try await withAbandoningTimeout(.milliseconds(100), on: clock) { () async -> Int in
            await gate.wait()
            return 1
        }
        #expect(value == nil)
        #expect(clock.now - started < .seconds(3), "answered at the deadline, not when the operation ended")
        gate.open()
    }
}

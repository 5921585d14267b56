import Synchronization

/// Runs `operation`, or gives nil as soon as `timeout` passes on `clock`, like `withTimeout`, but without waiting for
/// the cancelled operation to end. For operations that ignore cancellation (an AMQP handshake with a broker that
/// accepts TCP and never answers awaits NIO futures that cancellation does not end): the caller gets nil at the
/// deadline, and the abandoned operation, cancelled, ends whenever its I/O does. Use only where a lingering operation
/// is harmless (a CLI reading a stack), never for work whose end a caller must observe.
public func withAbandoningTimeout<T: Sendable>(
    _ timeout: Duration, on clock: any Clock<Duration>, operation: @escaping @Sendable () async throws -> T
) async throws -> T? {
    let race = FirstResult<T?>()
    let work = Task {
        do {
            race.finish(.success(try await operation()))
        } catch {
            race.finish(.failure(error))
        }
    }
    let timer = Task {
        try? await clock.sleep(for: timeout)
        race.finish(.success(nil))
    }
    defer {
        work.cancel()
        timer.cancel()
    }
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { race.wait($0) }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The first of several results, handed to one waiter whether it starts waiting before or after the result comes.
final class FirstResult<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, any Error>)
        case done(Result<T, any Error>)
        case delivered
    }

    private let state = Mutex<State>(.empty)

    /// Hands `result` over unless another came first.
    func finish(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            switch state {
            case .empty:
                state = .done(result)
                return nil
            case .waiting(let continuation):
                state = .delivered
                return continuation
            case .done, .delivered:
                return nil
            }
        }
        waiter?.resume(with: result)
    }

    /// Resumes `continuation` with the first result, now or when it comes.
    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let ready = state.withLock { state -> Result<T, any Error>? in
            if case .done(let result) = state {
                state = .delivered
                return result
            }
            state = .waiting(continuation)
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }
}

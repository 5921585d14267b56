import NIOCore
import PostgresNIO

/// The point by which every statement of one unit of work (a lent connection) must have answered.
///
/// A statement runs in a task of its own and its caller waits for it only until the deadline, on an event-loop timer.
/// Past it, or when the caller is cancelled, the caller gets `DatabaseUnavailable(.holdTimedOut)` (or the
/// cancellation), the connection is closed — it can no longer be trusted — and the statement's task is left to end
/// whenever postgres-nio lets it. Closing alone is not enough: seen here, a statement in flight when PostgreSQL was
/// killed was never failed by postgres-nio, and closing the already dead channel did not fail it either.
struct HoldDeadline: Sendable {
    let loop: any EventLoop
    let deadline: NIODeadline
    let connection: PostgresConnection

    /// Runs `statement`, waiting for it until the deadline.
    func bound<T: Sendable>(_ statement: @escaping @Sendable () async throws -> T) async throws -> T {
        let answered = loop.makePromise(of: T.self)
        Task {
            do { answered.succeed(try await statement()) } catch { answered.fail(error) }
        }
        let connection = self.connection
        let timer = loop.scheduleTask(deadline: deadline) {
            answered.fail(DatabaseUnavailable(.holdTimedOut))
            Self.close(connection)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await answered.futureResult.get()
        } onCancel: {
            answered.fail(CancellationError())
            Self.close(connection)
        }
    }

    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        _ = closing
    }
}

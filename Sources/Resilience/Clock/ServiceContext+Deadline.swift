import Instrumentation

/// The task-local key under which the current call's deadline travels.
enum DeadlineKey: ServiceContextKey {
    typealias Value = Deadline
    static var nameOverride: String? { "request-deadline" }
}

extension ServiceContext {
    /// The deadline of the work this task is doing, if one was set.
    public var deadline: Deadline? {
        get { self[DeadlineKey.self] }
        set { self[DeadlineKey.self] = newValue }
    }
}

/// Runs `operation` with a deadline `timeout` from now, or the enclosing deadline when that is earlier,
/// so nested calls see only the time that is left.
public func withDeadline<T>(
    _ timeout: Duration,
    clock: any Clock<Duration> = ContinuousClock(),
    isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> T
) async rethrows -> T {
    var context = ServiceContext.current ?? .topLevel
    let own = Deadline(after: timeout, on: clock)
    context.deadline = context.deadline.map { $0.earlier(own) } ?? own
    return try await ServiceContext.withValue(context, operation: operation)
}

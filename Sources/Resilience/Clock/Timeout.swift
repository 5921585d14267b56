/// Runs `operation`, or gives nil when `timeout` passes on `clock` first; the loser is cancelled.
public func withTimeout<T: Sendable>(
    _ timeout: Duration, on clock: any Clock<Duration>, operation: @escaping @Sendable () async throws -> T
) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await clock.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}

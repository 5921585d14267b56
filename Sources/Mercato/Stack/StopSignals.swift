import UnixSignals

/// SIGINT (Ctrl-C) and SIGTERM (`mercato down`), the two ways a long-running `mercato` command is asked to stop.
enum StopSignals {
    /// Starts trapping both; signals that arrive before `run(until:)` looks are kept for it.
    static func trap() async -> UnixSignalsSequence {
        await UnixSignalsSequence(trapping: .sigint, .sigterm)
    }

    /// Runs `work` until it returns or a signal arrives; a signal cancels it and waits for it to finish. Returns its
    /// result, or nil when a signal ended it.
    static func run<Result: Sendable>(until signals: UnixSignalsSequence,
                                      _ work: @escaping @Sendable () async -> Result) async -> Result? {
        await withTaskGroup(of: Result?.self) { group in
            group.addTask {
                for await _ in signals { return nil }
                return nil
            }
            group.addTask { await work() }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

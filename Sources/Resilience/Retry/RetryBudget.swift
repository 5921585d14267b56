import Synchronization

/// One downstream's retry budget, shared by every call to it, so retries cannot multiply load
/// when the downstream struggles: `RetryBudgetWindow` behind a lock, read against a clock.
public final class RetryBudget: Sendable {
    private let window: Mutex<RetryBudgetWindow>
    private let time: ElapsedTime

    /// A full budget with `configuration`, timed by `clock`.
    public init(configuration: RetryBudgetWindow.Configuration = .init(), clock: any Clock<Duration> = ContinuousClock()) {
        self.window = Mutex(RetryBudgetWindow(configuration: configuration))
        self.time = ElapsedTime(clock)
    }

    /// Counts a first attempt.
    public func recordRequest() {
        let now = time.now()
        window.withLock { $0.recordRequest(now: now) }
    }

    /// Takes one retry; false when the budget is spent.
    public func withdrawRetry() -> Bool {
        let now = time.now()
        return window.withLock { $0.withdrawRetry(now: now) }
    }

    /// Retries that could be taken now.
    public var available: Int {
        let now = time.now()
        return window.withLock { $0.available(now: now) }
    }
}

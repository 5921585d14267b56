/// One supervised process as its supervisor sees it, without clocks or I/O: running since some time, or waiting to be
/// started again at some time. The supervisor reports what it saw (it exited, it was started, starting it failed) and
/// asks whether a restart is due; `RestartBackoff` sets the waits. Time is an offset from any fixed origin, passed in.
public struct RestartStateMachine: Sendable {
    /// Where the process is.
    public enum State: Sendable, Equatable {
        /// Running since the given time.
        case running(since: Duration)
        /// Not running; to be started at the given time.
        case waiting(until: Duration)
    }

    /// The current state.
    public private(set) var state: State
    /// The waits, and how many exits in a row they have counted.
    public private(set) var backoff: RestartBackoff

    /// A process found running at `since` (when supervision begins, or after it was started).
    public init(runningSince since: Duration, backoff: RestartBackoff = RestartBackoff()) {
        self.state = .running(since: since)
        self.backoff = backoff
    }

    /// The process was seen to have exited at `now`; returns how long until it is due to start again.
    @discardableResult
    public mutating func exited(at now: Duration) -> Duration {
        switch state {
        case .running(let since):
            let delay = backoff.delay(afterExitWithUptime: now - since)
            state = .waiting(until: now + delay)
            return delay
        case .waiting(let until):
            return max(.zero, until - now)
        }
    }

    /// Starting it again failed at `now` (counted as an exit with no uptime); returns how long until the next try.
    @discardableResult
    public mutating func startFailed(at now: Duration) -> Duration {
        let delay = backoff.delay(afterExitWithUptime: .zero)
        state = .waiting(until: now + delay)
        return delay
    }

    /// The process was started at `now`.
    public mutating func started(at now: Duration) {
        state = .running(since: now)
    }

    /// Whether a waiting process should be started at `now`.
    public func isRestartDue(at now: Duration) -> Bool {
        if case .waiting(let until) = state { return now >= until }
        return false
    }
}

/// How long a supervisor waits before starting again a process that exited on its own: `initialDelay` after the first
/// exit, doubling with each exit that follows, never more than `maximumDelay`. A process that had stayed up for
/// `stablePeriod` counts as healthy again, so its next exit waits `initialDelay` anew. Pure arithmetic: the caller
/// says how long the process ran.
public struct RestartBackoff: Sendable, Equatable {
    /// The delays and the period after which a running process counts as stable.
    public struct Configuration: Sendable, Equatable {
        /// Wait before the first restart after a stable run.
        public var initialDelay: Duration
        /// Largest wait, however often the process exits.
        public var maximumDelay: Duration
        /// Uptime after which the next exit starts the doubling again from `initialDelay`.
        public var stablePeriod: Duration

        /// Delays with Mercato's defaults: 1 s, doubling up to 30 s, reset after 60 s up.
        public init(initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), stablePeriod: Duration = .seconds(60)) {
            self.initialDelay = max(.zero, initialDelay)
            self.maximumDelay = max(self.initialDelay, maximumDelay)
            self.stablePeriod = max(.zero, stablePeriod)
        }
    }

    /// The delays in force.
    public let configuration: Configuration
    /// Exits since the process last stayed up `stablePeriod` (or since supervision began), the last one included.
    public private(set) var consecutiveExits = 0

    /// A backoff that has seen no exit yet.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Counts an exit after the process ran for `uptime` and returns how long to wait before starting it again.
    public mutating func delay(afterExitWithUptime uptime: Duration) -> Duration {
        if uptime >= configuration.stablePeriod { consecutiveExits = 0 }
        consecutiveExits += 1
        return delay(forConsecutiveExit: consecutiveExits)
    }

    /// The wait after the `exit`th exit in a row (from 1): `initialDelay × 2^(exit − 1)`, at most `maximumDelay`.
    public func delay(forConsecutiveExit exit: Int) -> Duration {
        var delay = configuration.initialDelay
        var doublings = exit - 1
        // Doubling stops at the cap, so however many exits there were the arithmetic cannot overflow.
        while doublings > 0 && delay > .zero && delay < configuration.maximumDelay {
            delay *= 2
            doublings -= 1
        }
        return min(delay, configuration.maximumDelay)
    }
}

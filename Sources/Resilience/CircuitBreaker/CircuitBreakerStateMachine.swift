/// The circuit breaker's rules, without clocks or locks: closed → open when the failure rate over
/// the last `windowSize` calls reaches `failureRateThreshold` (after `minimumCalls`); open → half-open
/// after `openDuration`; half-open admits `halfOpenTrialCalls` trials: that many successes close it,
/// one failure reopens it. Time is an offset from any fixed origin, passed in by the caller.
public struct CircuitBreakerStateMachine: Sendable {
    /// Where the breaker is.
    public enum State: Sendable, Equatable {
        /// Calls flow; outcomes fill the window.
        case closed
        /// Calls are refused until the given time.
        case open(until: Duration)
        /// A few trial calls decide whether to close or reopen.
        case halfOpen
    }

    /// The thresholds.
    public struct Configuration: Sendable, Equatable {
        /// Failure rate (0…1) that opens the breaker.
        public var failureRateThreshold: Double
        /// How many of the latest calls the window holds.
        public var windowSize: Int
        /// Calls the window needs before the rate can open the breaker.
        public var minimumCalls: Int
        /// How long the breaker stays open before trying again.
        public var openDuration: Duration
        /// Trial calls admitted while half-open; that many successes close the breaker.
        public var halfOpenTrialCalls: Int

        /// Thresholds with Mercato's defaults: 50 % of the last 20 calls (at least 10), 10 s open, 3 trials.
        public init(failureRateThreshold: Double = 0.5, windowSize: Int = 20, minimumCalls: Int = 10,
                    openDuration: Duration = .seconds(10), halfOpenTrialCalls: Int = 3) {
            self.failureRateThreshold = failureRateThreshold
            self.windowSize = max(1, windowSize)
            self.minimumCalls = max(1, min(minimumCalls, self.windowSize))
            self.openDuration = openDuration
            self.halfOpenTrialCalls = max(1, halfOpenTrialCalls)
        }
    }

    /// Admission to make one call; hand it back with the outcome.
    public struct Permit: Sendable, Equatable {
        let generation: UInt64
        let isTrial: Bool
    }

    /// The answer to a request for a permit.
    public enum Admission: Sendable, Equatable {
        /// Make the call.
        case allowed(Permit)
        /// Do not call; the breaker may admit calls again after the given time.
        case rejected(retryAfter: Duration)
    }

    /// How a call ended, as the breaker counts it.
    public enum Outcome: Sendable, Equatable {
        /// The downstream answered acceptably.
        case success
        /// The downstream failed (transport error, timeout, 5xx).
        case failure
        /// The call ended without saying anything about the downstream (e.g. cancelled by the caller).
        case ignored
    }

    /// A change of state, for metrics and logs.
    public struct Transition: Sendable, Equatable {
        /// State before.
        public var from: State
        /// State after.
        public var to: State

        /// A change from `from` to `to`.
        public init(from: State, to: State) {
            self.from = from
            self.to = to
        }
    }

    /// The thresholds in force.
    public let configuration: Configuration
    /// The current state (an open breaker turns half-open only when a permit is next asked for).
    public private(set) var state: State = .closed
    private var window: OutcomeWindow
    // Bumped on every transition so outcomes of calls admitted under an earlier state are ignored.
    private var generation: UInt64 = 0
    private var trialsInFlight = 0
    private var trialSuccesses = 0

    /// A closed breaker with `configuration`.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        self.window = OutcomeWindow(capacity: configuration.windowSize)
    }

    /// Failure rate over the current window (closed state).
    public var failureRate: Double { window.failureRate }

    /// Asks to make a call at `now`; may move open → half-open.
    public mutating func acquire(now: Duration) -> (Admission, Transition?) {
        var transition: Transition?
        if case .open(let until) = state {
            guard now >= until else { return (.rejected(retryAfter: until - now), nil) }
            transition = move(to: .halfOpen)
        }
        switch state {
        case .closed:
            return (.allowed(Permit(generation: generation, isTrial: false)), transition)
        case .halfOpen:
            guard trialsInFlight + trialSuccesses < configuration.halfOpenTrialCalls else {
                return (.rejected(retryAfter: .zero), transition)
            }
            trialsInFlight += 1
            return (.allowed(Permit(generation: generation, isTrial: true)), transition)
        case .open(let until):
            return (.rejected(retryAfter: until - now), transition)
        }
    }

    /// Records how the call admitted by `permit` ended, at `now`.
    public mutating func record(_ outcome: Outcome, for permit: Permit, now: Duration) -> Transition? {
        guard permit.generation == generation else { return nil }
        switch state {
        case .closed:
            guard outcome != .ignored else { return nil }
            window.record(failed: outcome == .failure)
            guard window.count >= configuration.minimumCalls,
                  window.failureRate >= configuration.failureRateThreshold else { return nil }
            return move(to: .open(until: now + configuration.openDuration))
        case .halfOpen:
            trialsInFlight -= 1
            switch outcome {
            case .ignored:
                return nil
            case .failure:
                return move(to: .open(until: now + configuration.openDuration))
            case .success:
                trialSuccesses += 1
                return trialSuccesses >= configuration.halfOpenTrialCalls ? move(to: .closed) : nil
            }
        case .open:
            return nil
        }
    }

    private mutating func move(to next: State) -> Transition {
        let transition = Transition(from: state, to: next)
        state = next
        generation &+= 1
        window.reset()
        trialsInFlight = 0
        trialSuccesses = 0
        return transition
    }
}

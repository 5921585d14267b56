import Synchronization

/// One downstream's circuit breaker: `CircuitBreakerStateMachine` behind a lock, read against a clock.
public final class CircuitBreaker: Sendable {
    /// The downstream this breaker guards.
    public let downstream: String
    private let machine: Mutex<CircuitBreakerStateMachine>
    private let time: ElapsedTime
    private let onTransition: @Sendable (CircuitBreakerStateMachine.Transition) -> Void

    /// A closed breaker for `downstream`; `onTransition` is told of every state change (outside the lock).
    public init(downstream: String, configuration: CircuitBreakerStateMachine.Configuration = .init(),
                clock: any Clock<Duration> = ContinuousClock(),
                onTransition: @escaping @Sendable (CircuitBreakerStateMachine.Transition) -> Void = { _ in }) {
        self.downstream = downstream
        self.machine = Mutex(CircuitBreakerStateMachine(configuration: configuration))
        self.time = ElapsedTime(clock)
        self.onTransition = onTransition
    }

    /// The current state.
    public var state: CircuitBreakerStateMachine.State { machine.withLock { $0.state } }

    /// A permit for one call, or `ResilienceError.circuitOpen` when the breaker refuses it.
    public func acquire() throws(ResilienceError) -> CircuitBreakerStateMachine.Permit {
        let now = time.now()
        let (admission, transition) = machine.withLock { $0.acquire(now: now) }
        if let transition { onTransition(transition) }
        switch admission {
        case .allowed(let permit):
            return permit
        case .rejected(let retryAfter):
            throw ResilienceError(.circuitOpen, downstream: downstream, retryAfter: retryAfter)
        }
    }

    /// Records how the call admitted by `permit` ended.
    public func record(_ outcome: CircuitBreakerStateMachine.Outcome, for permit: CircuitBreakerStateMachine.Permit) {
        let now = time.now()
        if let transition = machine.withLock({ $0.record(outcome, for: permit, now: now) }) { onTransition(transition) }
    }
}

extension CircuitBreakerStateMachine.State {
    /// The value of the breaker-state gauge: 0 closed, 1 half-open, 2 open.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }

    /// A short name for logs: `closed`, `half-open`, `open`.
    public var name: String {
        switch self {
        case .closed: "closed"
        case .halfOpen: "half-open"
        case .open: "open"
        }
    }
}

import Resilience
import Synchronization
import Testing

/// The breaker wrapper on a manual clock: the cool-down passes only when the test moves time.
@Suite struct CircuitBreakerTests {
    @Test func opensRejectsAndRecoversOnTheClock() throws {
        let clock = ManualClock()
        let transitions = Mutex<[String]>([])
        let breaker = CircuitBreaker(
            downstream: "catalog",
            configuration: .init(windowSize: 2, minimumCalls: 2, openDuration: .seconds(10), halfOpenTrialCalls: 1),
            clock: clock) { transition in transitions.withLock { $0.append(transition.to.name) } }
        breaker.record(.failure, for: try breaker.acquire())
        breaker.record(.failure, for: try breaker.acquire())
        #expect(breaker.state.gaugeValue == 2)
        clock.advance(by: .seconds(9))
        let refused = #expect(throws: ResilienceError.self) { try breaker.acquire() }
        #expect(refused?.code == .circuitOpen)
        #expect(refused?.retryAfter == .seconds(1))
        clock.advance(by: .seconds(1))
        let trial = try breaker.acquire()
        #expect(breaker.state.gaugeValue == 1)
        breaker.record(.success, for: trial)
        #expect(breaker.state == .closed)
        #expect(transitions.withLock { $0 } == ["open", "half-open", "closed"])
    }
}

import Resilience
import Testing

/// Every state and transition of the breaker, on plain values and explicit times.
@Suite struct CircuitBreakerStateMachineTests {
    typealias Machine = CircuitBreakerStateMachine

    func machine(threshold: Double = 0.5, window: Int = 10, minimum: Int = 10, trials: Int = 2) -> Machine {
        Machine(configuration: .init(failureRateThreshold: threshold, windowSize: window, minimumCalls: minimum,
                                     openDuration: .seconds(10), halfOpenTrialCalls: trials))
    }

    func permit(_ machine: inout Machine, at now: Duration = .zero) throws -> Machine.Permit {
        guard case .allowed(let permit) = machine.acquire(now: now).0 else {
            Issue.record("expected a permit in \(machine.state)")
            throw CancellationError()
        }
        return permit
    }

    @discardableResult
    func call(_ machine: inout Machine, _ result: Machine.Outcome, at now: Duration = .zero) throws -> Machine.Transition? {
        let permit = try permit(&machine, at: now)
        return machine.record(result, for: permit, now: now)
    }

    /// Drives a fresh machine to open at `now`.
    func opened(trials: Int = 2, at now: Duration = .zero) throws -> Machine {
        var machine = machine(window: 2, minimum: 2, trials: trials)
        try call(&machine, .failure, at: now)
        try call(&machine, .failure, at: now)
        #expect(machine.state == .open(until: now + .seconds(10)))
        return machine
    }

    @Test func closedStaysClosedBelowMinimumCallsEvenIfAllFail() throws {
        var machine = machine()
        for _ in 0..<9 { let result1 = try call(&machine, .failure); #expect(result1 == nil) }
        #expect(machine.state == .closed)
        #expect(machine.failureRate == 1)
    }

    @Test func closedOpensWhenTheRateReachesTheThreshold() throws {
        var machine = machine()
        for _ in 0..<5 { try call(&machine, .success) }
        for _ in 0..<4 { try call(&machine, .failure) }
        #expect(machine.state == .closed)
        let transition = try call(&machine, .failure, at: .seconds(3))
        #expect(transition == .init(from: .closed, to: .open(until: .seconds(13))))
    }

    @Test func closedStaysClosedBelowTheThreshold() throws {
        var machine = machine()
        for _ in 0..<6 { try call(&machine, .success) }
        for _ in 0..<4 { try call(&machine, .failure) }
        #expect(machine.state == .closed)
        #expect(machine.failureRate == 0.4)
    }

    @Test func closedIgnoresIgnoredOutcomes() throws {
        var machine = machine(window: 2, minimum: 2)
        try call(&machine, .failure)
        try call(&machine, .ignored)
        #expect(machine.state == .closed)
        #expect(machine.failureRate == 1)
    }

    @Test func theWindowSlidesOverTheLatestCalls() throws {
        var machine = machine(threshold: 0.75, window: 4, minimum: 4)
        for result: Machine.Outcome in [.failure, .failure, .success, .success] { try call(&machine, result) }
        #expect(machine.failureRate == 0.5)
        try call(&machine, .success)
        #expect(machine.failureRate == 0.25)
        try call(&machine, .failure)
        try call(&machine, .failure)
        #expect(machine.failureRate == 0.5)
        #expect(machine.state == .closed)
        try call(&machine, .failure)
        #expect(machine.state == .open(until: .seconds(10)))
    }

    @Test func openRejectsWithTheTimeLeftUntilTheCoolDownEnds() throws {
        var machine = try opened()
        let result2 = machine.acquire(now: .seconds(4))
        #expect(result2.0 == .rejected(retryAfter: .seconds(6)))
        #expect(result2.1 == nil)
        #expect(machine.state == .open(until: .seconds(10)))
    }

    @Test func openIgnoresLateOutcomesOfCallsAdmittedWhileClosed() throws {
        var machine = machine(window: 2, minimum: 2)
        let late = try permit(&machine)
        try call(&machine, .failure)
        try call(&machine, .failure)
        let result3 = machine.record(.success, for: late, now: .seconds(1))
        #expect(result3 == nil)
        #expect(machine.state == .open(until: .seconds(10)))
    }

    @Test func openTurnsHalfOpenAfterTheCoolDown() throws {
        var machine = try opened()
        let (admission, transition) = machine.acquire(now: .seconds(10))
        #expect(transition == .init(from: .open(until: .seconds(10)), to: .halfOpen))
        guard case .allowed = admission else { Issue.record("a trial is admitted"); return }
        #expect(machine.state == .halfOpen)
    }

    @Test func halfOpenAdmitsOnlyTheTrialCalls() throws {
        var machine = try opened(trials: 2)
        _ = try permit(&machine, at: .seconds(10))
        _ = try permit(&machine, at: .seconds(10))
        let result4 = machine.acquire(now: .seconds(11))
        #expect(result4.0 == .rejected(retryAfter: .zero))
        #expect(result4.1 == nil)
    }

    @Test func halfOpenClosesAfterEnoughSuccesses() throws {
        var machine = try opened(trials: 2)
        let first = try permit(&machine, at: .seconds(10))
        let second = try permit(&machine, at: .seconds(10))
        let result5 = machine.record(.success, for: first, now: .seconds(11))
        #expect(result5 == nil)
        #expect(machine.state == .halfOpen)
        let result6 = machine.record(.success, for: second, now: .seconds(11))
        #expect(result6 == .init(from: .halfOpen, to: .closed))
        #expect(machine.failureRate == 0)
    }

    @Test func halfOpenReopensOnAFailure() throws {
        var machine = try opened(trials: 2)
        let first = try permit(&machine, at: .seconds(10))
        let second = try permit(&machine, at: .seconds(10))
        let result7 = machine.record(.failure, for: first, now: .seconds(12))
        #expect(result7 == .init(from: .halfOpen, to: .open(until: .seconds(22))))
        // The other trial's result belongs to the old half-open state and changes nothing.
        let result8 = machine.record(.success, for: second, now: .seconds(12))
        #expect(result8 == nil)
        #expect(machine.state == .open(until: .seconds(22)))
    }

    @Test func halfOpenFreesTheSlotOfAnIgnoredTrial() throws {
        var machine = try opened(trials: 1)
        let trial = try permit(&machine, at: .seconds(10))
        let result9 = machine.acquire(now: .seconds(10)).0
        #expect(result9 == .rejected(retryAfter: .zero))
        let result10 = machine.record(.ignored, for: trial, now: .seconds(10))
        #expect(result10 == nil)
        let next = try permit(&machine, at: .seconds(10))
        let result11 = machine.record(.success, for: next, now: .seconds(10))
        #expect(result11 == .init(from: .halfOpen, to: .closed))
    }

    @Test func configurationKeepsItsNumbersSane() {
        let configuration = Machine.Configuration(windowSize: 0, minimumCalls: 50, halfOpenTrialCalls: 0)
        #expect(configuration.windowSize == 1)
        #expect(configuration.minimumCalls == 1)
        #expect(configuration.halfOpenTrialCalls == 1)
    }
}

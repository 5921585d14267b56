import LocalCluster
import Testing

/// Tier: unit. One supervised process: exits, waits, restarts, with time passed in.
@Suite struct RestartStateMachineTests {
    @Test func anExitSchedulesARestartThatComesDueAfterTheDelay() {
        var machine = RestartStateMachine(runningSince: .zero)
        #expect(!machine.isRestartDue(at: .seconds(10)))
        #expect(machine.exited(at: .seconds(10)) == .seconds(1))
        #expect(machine.state == .waiting(until: .seconds(11)))
        #expect(!machine.isRestartDue(at: .milliseconds(10_999)))
        #expect(machine.isRestartDue(at: .seconds(11)))
        machine.started(at: .seconds(11))
        #expect(machine.state == .running(since: .seconds(11)))
        #expect(!machine.isRestartDue(at: .seconds(20)))
    }

    @Test func aCrashLoopBacksOff() {
        var machine = RestartStateMachine(runningSince: .zero)
        var now = Duration.zero
        var delays: [Duration] = []
        for _ in 1...4 {
            now += .milliseconds(500)  // each start lives half a second
            let delay = machine.exited(at: now)
            delays.append(delay)
            now += delay
            machine.started(at: now)
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
    }

    @Test func anExitAfterAStableRunWaitsTheInitialDelayAgain() {
        var machine = RestartStateMachine(runningSince: .zero)
        machine.exited(at: .seconds(1))
        machine.started(at: .seconds(2))
        machine.exited(at: .seconds(3))
        machine.started(at: .seconds(5))
        #expect(machine.exited(at: .seconds(70)) == .seconds(1))
        #expect(machine.backoff.consecutiveExits == 1)
    }

    @Test func aFailedStartCountsAsAnotherExit() {
        var machine = RestartStateMachine(runningSince: .zero)
        machine.exited(at: .seconds(1))
        #expect(machine.startFailed(at: .seconds(2)) == .seconds(2))
        #expect(machine.state == .waiting(until: .seconds(4)))
        #expect(machine.startFailed(at: .seconds(4)) == .seconds(4))
        #expect(!machine.isRestartDue(at: .seconds(7)))
        #expect(machine.isRestartDue(at: .seconds(8)))
    }

    @Test func anExitSeenAgainWhileWaitingChangesNothing() {
        var machine = RestartStateMachine(runningSince: .zero)
        machine.exited(at: .seconds(1))
        machine.exited(at: .seconds(1))
        #expect(machine.exited(at: .milliseconds(1_500)) == .milliseconds(500))
        #expect(machine.state == .waiting(until: .seconds(2)))
        #expect(machine.backoff.consecutiveExits == 1)
    }
}

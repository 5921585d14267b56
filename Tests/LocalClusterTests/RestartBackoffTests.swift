import LocalCluster
import Testing

/// Tier: unit. The waits between restarts of a process that keeps exiting.
@Suite struct RestartBackoffTests {
    @Test func firstRestartWaitsTheInitialDelay() {
        var backoff = RestartBackoff()
        #expect(backoff.delay(afterExitWithUptime: .seconds(5)) == .seconds(1))
        #expect(backoff.consecutiveExits == 1)
    }

    @Test func eachQuickExitDoublesTheDelayUpToTheCap() {
        var backoff = RestartBackoff()
        let delays = (1...8).map { _ in backoff.delay(afterExitWithUptime: .seconds(2)) }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30, 30].map { .seconds($0) })
    }

    @Test func theCapHoldsHoweverManyExitsThereWere() {
        let backoff = RestartBackoff()
        #expect(backoff.delay(forConsecutiveExit: 1_000_000) == .seconds(30))
        #expect(backoff.delay(forConsecutiveExit: .max) == .seconds(30))
    }

    @Test func aStableRunStartsTheDoublingAgain() {
        var backoff = RestartBackoff()
        for _ in 1...4 { _ = backoff.delay(afterExitWithUptime: .seconds(1)) }
        #expect(backoff.delay(afterExitWithUptime: .seconds(60)) == .seconds(1))
        #expect(backoff.consecutiveExits == 1)
        #expect(backoff.delay(afterExitWithUptime: .seconds(3)) == .seconds(2))
    }

    @Test func aRunJustShortOfStableKeepsDoubling() {
        var backoff = RestartBackoff()
        _ = backoff.delay(afterExitWithUptime: .zero)
        _ = backoff.delay(afterExitWithUptime: .zero)
        #expect(backoff.delay(afterExitWithUptime: .seconds(59)) == .seconds(4))
    }

    @Test func otherDelaysAreHonoured() {
        var backoff = RestartBackoff(configuration: .init(initialDelay: .milliseconds(250), maximumDelay: .seconds(1), stablePeriod: .seconds(5)))
        let delays = (1...4).map { _ in backoff.delay(afterExitWithUptime: .zero) }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1)])
        #expect(backoff.delay(afterExitWithUptime: .seconds(5)) == .milliseconds(250))
    }

    @Test func aCapBelowTheInitialDelayIsRaisedToIt() {
        let configuration = RestartBackoff.Configuration(initialDelay: .seconds(5), maximumDelay: .seconds(2))
        #expect(configuration.maximumDelay == .seconds(5))
        #expect(RestartBackoff(configuration: configuration).delay(forConsecutiveExit: 3) == .seconds(5))
    }
}

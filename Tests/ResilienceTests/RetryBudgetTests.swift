import Resilience
import Testing

/// The retry budget's window: a floor, a share of requests, and expiry as time passes.
@Suite struct RetryBudgetTests {
    let configuration = RetryBudgetWindow.Configuration(ratio: 0.2, minimumRetries: 2, window: .seconds(10))

    /// Tries `count` withdrawals at `now` and says which succeeded.
    func withdraw(_ window: inout RetryBudgetWindow, _ count: Int, at now: Duration) -> [Bool] {
        (0..<count).map { _ in window.withdrawRetry(now: now) }
    }

    @Test func theFloorAllowsRetriesWithoutTraffic() {
        var window = RetryBudgetWindow(configuration: configuration)
        let granted = withdraw(&window, 3, at: .zero)
        #expect(granted == [true, true, false])
    }

    @Test func requestsEarnAShareOfRetries() {
        var window = RetryBudgetWindow(configuration: configuration)
        for _ in 0..<10 { window.recordRequest(now: .seconds(1)) }
        #expect(window.available(now: .seconds(1)) == 4)
        let granted = withdraw(&window, 5, at: .seconds(2))
        #expect(granted == [true, true, true, true, false])
        window.recordRequest(now: .seconds(2))
        let afterOneMore = withdraw(&window, 1, at: .seconds(2))
        #expect(afterOneMore == [false])
        for _ in 0..<4 { window.recordRequest(now: .seconds(2)) }
        let afterFiveMore = withdraw(&window, 1, at: .seconds(2))
        #expect(afterFiveMore == [true])
    }

    @Test func spentRetriesExpireWithTheWindow() {
        var window = RetryBudgetWindow(configuration: configuration)
        let granted = withdraw(&window, 1, at: .seconds(1)) + withdraw(&window, 1, at: .seconds(5)) + withdraw(&window, 1, at: .seconds(10.5))
        #expect(granted == [true, true, false])
        #expect(window.available(now: .seconds(11)) == 1)
        #expect(window.available(now: .seconds(15)) == 2)
    }

    @Test func theSharedBudgetReadsItsClock() {
        let clock = ManualClock()
        let budget = RetryBudget(configuration: .init(ratio: 0, minimumRetries: 1, window: .seconds(10)), clock: clock)
        budget.recordRequest()
        #expect(budget.withdrawRetry())
        #expect(!budget.withdrawRetry())
        clock.advance(by: .seconds(10))
        #expect(budget.withdrawRetry())
    }
}

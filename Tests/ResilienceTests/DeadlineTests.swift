import Instrumentation
import Resilience
import Testing

/// Deadlines on a manual clock: nested scopes only ever shorten the time left, and the header carries it.
@Suite struct DeadlineTests {
    @Test func remainingShrinksAsTheClockMoves() {
        let clock = ManualClock()
        let deadline = Deadline(after: .seconds(3), on: clock)
        #expect(deadline.remaining(on: clock) == .seconds(3))
        clock.advance(by: .milliseconds(2500))
        #expect(deadline.remaining(on: clock) == .milliseconds(500))
        clock.advance(by: .seconds(1))
        #expect(deadline.remaining(on: clock) == .milliseconds(-500))
        #expect(deadline.remaining(on: ContinuousClock()) == nil)
    }

    @Test func nestedScopesSeeOnlyTheTimeThatIsLeft() async {
        let clock = ManualClock()
        #expect(ServiceContext.current?.deadline == nil)
        await withDeadline(.seconds(5), clock: clock) {
            clock.advance(by: .seconds(1))
            #expect(ServiceContext.current?.deadline?.remaining(on: clock) == .seconds(4))
            await withDeadline(.seconds(10), clock: clock) {
                #expect(ServiceContext.current?.deadline?.remaining(on: clock) == .seconds(4))
                await withDeadline(.seconds(2), clock: clock) {
                    clock.advance(by: .milliseconds(500))
                    #expect(ServiceContext.current?.deadline?.remaining(on: clock) == .milliseconds(1500))
                }
            }
            #expect(ServiceContext.current?.deadline?.remaining(on: clock) == .milliseconds(3500))
        }
    }

    @Test func childTasksInheritTheDeadline() async {
        let clock = ManualClock()
        await withDeadline(.seconds(2), clock: clock) {
            async let inChild = ServiceContext.current?.deadline?.remaining(on: clock)
            let remaining = await inChild
            #expect(remaining == .seconds(2))
        }
    }

    @Test func theHeaderCarriesWholeMillisecondsLeft() {
        #expect(RequestTimeoutHeader.name == "X-Request-Timeout-Ms")
        #expect(RequestTimeoutHeader.value(for: .milliseconds(1500)) == "1500")
        #expect(RequestTimeoutHeader.value(for: .microseconds(2999)) == "2")
        #expect(RequestTimeoutHeader.value(for: .seconds(-1)) == "0")
        #expect(RequestTimeoutHeader.remaining(from: "250") == .milliseconds(250))
        #expect(RequestTimeoutHeader.remaining(from: "-3") == nil)
        #expect(RequestTimeoutHeader.remaining(from: "soon") == nil)
        let clock = ManualClock()
        #expect(RequestTimeoutHeader.deadline(from: "750", on: clock)?.remaining(on: clock) == .milliseconds(750))
    }
}

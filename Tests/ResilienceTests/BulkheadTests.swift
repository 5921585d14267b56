import Resilience
import Testing

/// The bulkhead refuses the call over its cap at once and admits again when a slot frees.
@Suite struct BulkheadTests {
    @Test func rejectsBeyondTheCapAndRecovers() async throws {
        let bulkhead = Bulkhead(downstream: "payments", maxConcurrentCalls: 2)
        let gate = Gate()
        let clock = ManualClock()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await bulkhead.run {
                        try await clock.sleep(for: .seconds(1))
                        await gate.wait()
                    }
                }
            }
            await clock.waitForSleepers(2)
            #expect(bulkhead.callsInFlight == 2)
            let refused = await #expect(throws: ResilienceError.self) { try await bulkhead.run { 1 } }
            #expect(refused?.code == .bulkheadFull)
            #expect(refused?.downstream == "payments")
            clock.advance(by: .seconds(1))
            gate.open()
            try await group.waitForAll()
        }
        #expect(bulkhead.callsInFlight == 0)
        #expect(try await bulkhead.run { 42 } == 42)
    }

    @Test func releasesTheSlotWhenTheCallThrows() async {
        let bulkhead = Bulkhead(downstream: "payments", maxConcurrentCalls: 1)
        await #expect(throws: CancellationError.self) { try await bulkhead.run { throw CancellationError() } }
        #expect(bulkhead.callsInFlight == 0)
    }
}

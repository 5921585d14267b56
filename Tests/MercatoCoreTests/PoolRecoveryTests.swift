import MercatoCore
import Testing

/// Tier: unit. When the database pool is suspected of no longer serving (then the server is asked directly).
@Suite struct PoolRecoveryTests {
    let second: Int64 = 1_000_000_000

    func snapshot(now: Double, success: Double, failure: Double, held: Int = 0) -> PoolRecovery.Snapshot {
        PoolRecovery.Snapshot(now: Int64(now * 1e9), lastSuccess: Int64(success * 1e9), lastFailure: Int64(failure * 1e9), held: held)
    }

    @Test func aPoolThatLentNothingForSecondsWhileLeasesFailIsSuspected() {
        #expect(PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 10, failure: 19.5), poolSize: 6))
        #expect(PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 0, failure: 19.5), poolSize: 6), "never lent anything")
    }

    @Test func aSlowButServingPoolIsNot() {
        #expect(!PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 18.5, failure: 19.5), poolSize: 6), "lent 1.5 s ago")
        #expect(!PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 19.8, failure: 19.5), poolSize: 6), "lent after the failure")
        #expect(!PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 10, failure: 19.5, held: 6), poolSize: 6), "every connection lent")
    }

    @Test func oldOrNoFailuresAreNot() {
        #expect(!PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 10, failure: 12), poolSize: 6), "failure 8 s ago")
        #expect(!PoolRecovery.shouldProbeServer(snapshot(now: 20, success: 0, failure: 0), poolSize: 6))
    }
}

import Configuration
import Foundation
import Testing
@testable import OrdersService

/// Tier: pure unit. When a stored Idempotency-Key is forgotten, and the settings that decide it.
@Suite struct IdempotencyRetentionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: Double = 86400

    /// Whether a key claimed `age` seconds before `now` is forgotten under `policy`.
    static func expired(_ policy: IdempotencyRetention, age: Double, completed: Bool) -> Bool {
        policy.isExpired(claimedAt: now.addingTimeInterval(-age), completed: completed, now: now)
    }

    @Test func aCompletedKeyIsForgottenOnlyAfterTheRetention() {
        let policy = IdempotencyRetention(retention: Self.day, lease: 30)
        #expect(!Self.expired(policy, age: 0, completed: true))
        #expect(!Self.expired(policy, age: Self.day - 1, completed: true))
        #expect(!Self.expired(policy, age: Self.day, completed: true), "exactly at the retention the key still counts")
        #expect(Self.expired(policy, age: Self.day + 1, completed: true))
    }

    @Test func anUnfinishedClaimIsForgottenAfterTheRetentionNotAtItsLease() {
        let policy = IdempotencyRetention(retention: Self.day, lease: 30)
        #expect(!Self.expired(policy, age: 5, completed: false), "a placement inside its lease is live")
        #expect(!Self.expired(policy, age: 31, completed: false), "past its lease the claim may be taken over, but is kept")
        #expect(!Self.expired(policy, age: Self.day, completed: false))
        #expect(Self.expired(policy, age: Self.day + 1, completed: false))
    }

    @Test func aLeaseLongerThanTheRetentionProtectsTheClaimToItsEnd() {
        let policy = IdempotencyRetention(retention: 3600, lease: 7200)
        #expect(policy.maxAge(completed: true) == 3600 && policy.maxAge(completed: false) == 7200)
        #expect(Self.expired(policy, age: 3601, completed: true))
        #expect(!Self.expired(policy, age: 3601, completed: false))
        #expect(!Self.expired(policy, age: 7200, completed: false))
        #expect(Self.expired(policy, age: 7201, completed: false))
    }

    @Test func aClaimStampedInTheFutureIsNotExpired() {
        // Clocks of replicas differ; a claim that looks newer than now is young, never expired.
        #expect(!Self.expired(IdempotencyRetention(retention: Self.day, lease: 30), age: -60, completed: true))
    }

    @Test(arguments: [0, 1, 60, 3599, -5, .nan] as [Double])
    func aRetentionBelowTheMinimumIsRaisedToIt(_ retention: Double) {
        let policy = IdempotencyRetention(retention: retention, lease: 30)
        #expect(policy.retention == IdempotencyRetention.minimumRetention)
        #expect(!Self.expired(policy, age: 3600, completed: true) && Self.expired(policy, age: 3601, completed: true))
    }

    @Test func theSettingsDefaultToADayAndAMinute() {
        let config = OrdersConfig(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(config.idempotencyRetention == 86400 && config.idempotencySweepInterval == 60 && config.idempotencyLease == 30)
    }

    @Test func theSettingsAreReadAndClamped() {
        let read = OrdersConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
            "orders.idempotencyRetention": 172_800.0, "orders.idempotencySweepInterval": 300.0,
        ])))
        #expect(read.idempotencyRetention == 172_800 && read.idempotencySweepInterval == 300)
        let clamped = OrdersConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
            "orders.idempotencyRetention": 10.0, "orders.idempotencySweepInterval": 0.0,
        ])))
        #expect(clamped.idempotencyRetention == 3600 && clamped.idempotencySweepInterval == 1)
    }
}

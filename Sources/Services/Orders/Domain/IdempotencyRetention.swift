import Foundation

/// How long a stored `Idempotency-Key` is remembered, counted from when it was claimed.
///
/// A completed key (its first response stored) is forgotten after `retention` seconds; from then on the same key is
/// a new key and places a new order. An unfinished claim is forgotten after `max(retention, lease)` seconds: its
/// lease ran out long before (its placement died), and a placement still inside its lease is never forgotten.
struct IdempotencyRetention: Sendable, Equatable {
    /// The shortest retention accepted (1 h): a client retrying after an outage of minutes must still get its first answer.
    static let minimumRetention: Double = 3600

    /// Seconds a completed key is remembered.
    let retention: Double
    /// Seconds an unfinished claim holds its key (`orders.idempotencyLease`).
    let lease: Double

    /// A policy remembering completed keys `retention` seconds (at least `minimumRetention`), claims held for `lease`.
    init(retention: Double, lease: Double) {
        self.retention = Self.clamped(retention)
        self.lease = max(0, lease)
    }

    /// `retention` raised to the minimum.
    static func clamped(_ retention: Double) -> Double {
        max(minimumRetention, retention)
    }

    /// Seconds after its claim a key is forgotten: `completed` or still in flight.
    func maxAge(completed: Bool) -> Double {
        completed ? retention : max(retention, lease)
    }

    /// Whether a key claimed at `claimedAt` is forgotten at `now`.
    func isExpired(claimedAt: Date, completed: Bool, now: Date) -> Bool {
        now.timeIntervalSince(claimedAt) > maxAge(completed: completed)
    }
}

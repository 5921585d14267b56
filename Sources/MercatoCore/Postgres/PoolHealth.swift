import Synchronization

/// What a database pool has been doing lately, kept with atomics on every lease so the supervisor can tell a pool
/// that stopped serving from one that is merely busy. Times are nanoseconds on the continuous clock since `origin`.
final class PoolHealth: Sendable {
    private let origin = ContinuousClock.now
    private let lastSuccess = Atomic<Int64>(0)
    private let lastFailure = Atomic<Int64>(0)
    private let held = Atomic<Int>(0)
    private let leaseTasks = Atomic<Int>(0)

    /// Nanoseconds since `origin`.
    var now: Int64 { (ContinuousClock.now - origin).nanoseconds }

    /// A lease task is starting unless `limit` are already running (the pool stopped answering and callers keep
    /// coming): then false, and the caller fails at once instead of adding to them.
    func admitLeaseTask(limit: Int) -> Bool {
        if leaseTasks.add(1, ordering: .relaxed).newValue > limit {
            leaseTasks.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    /// A lease task ended (it got a connection and gave it back, or the pool failed it).
    func leaseTaskEnded() { leaseTasks.subtract(1, ordering: .relaxed) }

    /// A caller got its connection.
    func leased() {
        lastSuccess.store(now, ordering: .relaxed)
        held.add(1, ordering: .relaxed)
    }

    /// A caller gave its connection back.
    func released() { held.subtract(1, ordering: .relaxed) }

    /// A caller did not get a connection (timed out, or the pool failed the lease).
    func leaseFailed() { lastFailure.store(now, ordering: .relaxed) }

    /// Forgets the failures, for a new pool.
    func reset() { lastFailure.store(0, ordering: .relaxed) }

    /// The numbers the supervisor decides on.
    var snapshot: PoolRecovery.Snapshot {
        PoolRecovery.Snapshot(now: now, lastSuccess: lastSuccess.load(ordering: .relaxed),
                              lastFailure: lastFailure.load(ordering: .relaxed), held: held.load(ordering: .relaxed))
    }
}

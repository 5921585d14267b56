/// When a database pool should be replaced — decided without I/O.
///
/// postgres-nio's pool, after connecting has failed, retries a single connection with a backoff that grows to a
/// minute (100 ms × 1.25ⁿ), and a lease it queued can miss its cancellation: after an outage of a few tens of seconds
/// it serves again only up to a minute after the server is back, or not at all. So when leases have been failing
/// lately, none has succeeded for `stalled` (a pool that is merely slow — every connection lent, or CPU starved —
/// still lends now and then), and fewer connections are lent than the pool may open, the supervisor asks the server
/// directly; if the server answers, the pool is the problem and is replaced by a new one.
public enum PoolRecovery {
    /// Lease outcomes as `PoolHealth` saw them, in nanoseconds on one clock.
    public struct Snapshot: Sendable, Equatable {
        /// Now.
        public var now: Int64
        /// When a caller last got a connection (0: never).
        public var lastSuccess: Int64
        /// When a caller last did not (0: never, or not since the pool was made).
        public var lastFailure: Int64
        /// Connections lent to callers now.
        public var held: Int

        /// A snapshot with every field.
        public init(now: Int64, lastSuccess: Int64, lastFailure: Int64, held: Int) {
            self.now = now
            self.lastSuccess = lastSuccess
            self.lastFailure = lastFailure
            self.held = held
        }
    }

    /// How recent the last failure must be for the pool to be suspected.
    public static let recentFailure: Int64 = 5_000_000_000
    /// How long no lease may have succeeded.
    public static let stalled: Int64 = 3_000_000_000

    /// Whether to ask the server directly if it answers (and replace the pool if it does).
    public static func shouldProbeServer(_ snapshot: Snapshot, poolSize: Int) -> Bool {
        snapshot.lastFailure > 0
            && snapshot.lastFailure > snapshot.lastSuccess
            && snapshot.now - snapshot.lastSuccess >= stalled
            && snapshot.now - snapshot.lastFailure < recentFailure
            && snapshot.held < poolSize
    }
}

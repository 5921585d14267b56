import Configuration

/// How the outbox relay works.
///
/// Keys (under `outbox.`): `batchSize` (int, default 100 — rows locked and published per transaction),
/// `pollInterval` (double seconds, default 1 — fallback when no NOTIFY arrives), `retryDelay` (double
/// seconds, default 1, doubling to `maxRetryDelay`, default 30, after a failed publish),
/// `retention` (double seconds, default 604800 — sent rows are pruned after this), `pruneInterval`
/// (double seconds, default 60), `pauseBeforeMarkSent` (double seconds, default 0 — fault injection for crash
/// tests and chaos drills: the relay waits this long between the broker's confirms and marking the rows sent,
/// widening the window in which a crash makes it publish the same rows again).
public struct OutboxRelayConfig: Sendable {
    /// Rows per transaction.
    public var batchSize: Int
    /// Seconds between polls when nothing wakes the relay.
    public var pollInterval: Double
    /// First delay after a failed publish.
    public var retryDelay: Double
    /// Largest delay after repeated failures.
    public var maxRetryDelay: Double
    /// Seconds sent rows are kept.
    public var retention: Double
    /// Seconds between prunes.
    public var pruneInterval: Double
    /// Fault injection: seconds to wait after confirms, before marking rows sent (0 in normal operation).
    public var pauseBeforeMarkSent: Double

    /// Reads the settings.
    public init(reader: ConfigReader) {
        let outbox = reader.scoped(to: "outbox")
        batchSize = max(1, outbox.int(forKey: "batchSize", default: 100))
        pollInterval = outbox.double(forKey: "pollInterval", default: 1)
        retryDelay = outbox.double(forKey: "retryDelay", default: 1)
        maxRetryDelay = outbox.double(forKey: "maxRetryDelay", default: 30)
        retention = outbox.double(forKey: "retention", default: 604_800)
        pruneInterval = outbox.double(forKey: "pruneInterval", default: 60)
        pauseBeforeMarkSent = max(0, outbox.double(forKey: "pauseBeforeMarkSent", default: 0))
    }

    /// Settings given directly, for tests.
    public init(batchSize: Int = 100, pollInterval: Double = 1, retryDelay: Double = 0.05, maxRetryDelay: Double = 1,
                retention: Double = 604_800, pruneInterval: Double = 60, pauseBeforeMarkSent: Double = 0) {
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.retryDelay = retryDelay
        self.maxRetryDelay = maxRetryDelay
        self.retention = retention
        self.pruneInterval = pruneInterval
        self.pauseBeforeMarkSent = pauseBeforeMarkSent
    }
}

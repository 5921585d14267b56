import Configuration

/// The orders service's own settings.
///
/// Keys (under `orders.`; environment `MERCATO_ORDERS_<KEY>` in upper snake case):
/// - `catalogURL` (string, default `http://127.0.0.1:8082`): catalog's base URL, for `POST /internal/v1/pricing/quote`.
/// - `sagaTimeout` (double seconds, default 120): an order PENDING or AWAITING_PAYMENT unchanged this long is cancelled
///   with reason `saga-timeout` (and reported `stuck` by the audit endpoint).
/// - `sagaSweepInterval` (double seconds, default 5): how often the timeout sweep runs.
/// - `sagaSweepBatch` (int, default 100): orders cancelled per sweep transaction.
/// - `idempotencyLease` (double seconds, default 30): a placement in flight this long under an `Idempotency-Key` is
///   taken to have died (its process crashed) and the key may be used again.
/// - `idempotencyRetention` (double seconds, default 86400, at least 3600): how long an `Idempotency-Key` is
///   remembered from its claim; after this the key is forgotten and the same key places a new order. An unfinished
///   claim is forgotten after the retention too (or after the lease, when that is longer).
/// - `idempotencySweepInterval` (double seconds, default 60, at least 1): how often expired keys are deleted.
///
/// The calls to catalog use `resilience.catalog.*` (see `DownstreamPolicy`) and a service token from
/// `serviceAuth.*` (client id `orders`; audience `catalog` and scope `pricing` unless configured otherwise).
public struct OrdersConfig: Sendable {
    /// Catalog's base URL, without a trailing slash.
    public var catalogURL: String
    /// Seconds a saga may make no progress.
    public var sagaTimeout: Double
    /// Seconds between sweeps.
    public var sagaSweepInterval: Double
    /// Orders per sweep transaction.
    public var sagaSweepBatch: Int
    /// Seconds after which an in-flight idempotency claim is abandoned.
    public var idempotencyLease: Double
    /// Seconds an idempotency key is remembered from its claim.
    public var idempotencyRetention: Double
    /// Seconds between deletions of expired idempotency keys.
    public var idempotencySweepInterval: Double

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let orders = reader.scoped(to: "orders")
        var url = orders.string(forKey: "catalogURL", default: "http://127.0.0.1:8082")
        while url.hasSuffix("/") { url.removeLast() }
        catalogURL = url
        sagaTimeout = max(0, orders.double(forKey: "sagaTimeout", default: 120))
        sagaSweepInterval = max(0.05, orders.double(forKey: "sagaSweepInterval", default: 5))
        sagaSweepBatch = min(1000, max(1, orders.int(forKey: "sagaSweepBatch", default: 100)))
        idempotencyLease = max(1, orders.double(forKey: "idempotencyLease", default: 30))
        idempotencyRetention = IdempotencyRetention.clamped(orders.double(forKey: "idempotencyRetention", default: 86400))
        idempotencySweepInterval = max(1, orders.double(forKey: "idempotencySweepInterval", default: 60))
    }
}

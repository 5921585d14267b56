import Configuration

/// The catalog service's own settings (stock reservations, the product cache).
///
/// Keys (under `catalog.`; environment `MERCATO_CATALOG_<KEY>` in upper snake case):
/// - `reservationTTL` (double seconds, default 900): how long an order's stock is held before the expiry job gives it back.
/// - `reservationSweepInterval` (double seconds, default 5): how often the expiry job looks for lapsed holds.
/// - `reservationSweepBatch` (int, default 200): reservations expired per transaction.
/// - `productCacheSize` (int, default 10000): products kept in memory for `GET /api/v1/products/{id}`; 0 turns the
///   cache off (every read goes to PostgreSQL).
/// - `productCacheTTL` (double seconds, default 60): the longest a cached product is served; changes evict it at once
///   (PostgreSQL `NOTIFY`), this only bounds staleness should the listening connection die unnoticed.
public struct CatalogConfig: Sendable {
    /// Hold duration.
    public var reservationTTL: Duration
    /// Expiry job period.
    public var reservationSweepInterval: Duration
    /// Expiry batch size.
    public var reservationSweepBatch: Int
    /// Products the cache holds; 0 for no cache.
    public var productCacheSize: Int
    /// Longest a cached product is served.
    public var productCacheTTL: Duration

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let catalog = reader.scoped(to: "catalog")
        reservationTTL = .milliseconds(Int64(max(0, catalog.double(forKey: "reservationTTL", default: 900)) * 1000))
        reservationSweepInterval = .milliseconds(Int64(max(0.05, catalog.double(forKey: "reservationSweepInterval", default: 5)) * 1000))
        reservationSweepBatch = min(5000, max(1, catalog.int(forKey: "reservationSweepBatch", default: 200)))
        productCacheSize = max(0, catalog.int(forKey: "productCacheSize", default: 10_000))
        productCacheTTL = .milliseconds(Int64(max(0, catalog.double(forKey: "productCacheTTL", default: 60)) * 1000))
    }
}

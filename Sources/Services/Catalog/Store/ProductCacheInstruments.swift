import Metrics

/// `catalog_product_cache_reads_total{result}`: product reads by id answered from the cache (`hit`), from the database
/// after a miss (`miss`; also while the cache is not live), or from the database on the caller's `no-cache` (`bypass`).
/// Made once: asking swift-metrics for a counter by label on every read costs a registry lookup.
struct ProductCacheInstruments: Sendable {
    let hits = Counter(label: "catalog_product_cache_reads_total", dimensions: [("result", "hit")])
    let misses = Counter(label: "catalog_product_cache_reads_total", dimensions: [("result", "miss")])
    let bypasses = Counter(label: "catalog_product_cache_reads_total", dimensions: [("result", "bypass")])
}

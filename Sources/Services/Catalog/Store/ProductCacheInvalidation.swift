import Foundation
import Logging
import MercatoCore
import ServiceLifecycle

/// Keeps `ProductCache` true to the database: listens on `ProductCacheInvalidation.channel`, where a trigger on
/// `products` announces every committed change with the product's id, and evicts that product. The cache answers only
/// while this listens (`ProductCache.goLive` / `stop`).
struct ProductCacheInvalidation: Service {
    /// The notification channel the `products_notify_change` trigger sends product ids on (migration 6).
    static let channel = "catalog_products"

    let cache: ProductCache
    let database: Database
    let logger: Logger

    /// Listens until graceful shutdown; the cache is stopped whenever the listening connection ends, this one included.
    func run() async throws {
        let listener = ChannelListener(database: database, channel: Self.channel, logger: logger)
        await cancelWhenGracefulShutdown {
            await listener.run(onListening: { cache.goLive() }, onLost: { cache.stop() }) { payload in
                if let id = UUID(uuidString: payload) { cache.evict(id) } else { cache.evictAll() }
            }
        }
    }
}

import Logging
import MercatoCore
import Messaging
import ServiceLifecycle

/// The catalog service: categories, products, prices, stock, and stock reservations for the order saga.
public enum CatalogService {
    /// Name `catalog`, port 8082, its schema and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "catalog", defaultPort: 8082, migrations: CatalogMigrations.all, openAPIDocument: CatalogOpenAPI.document)

    /// The inbox consumer name events are claimed under (the consumer uses the service name).
    public static let consumerName = "catalog"

    /// The order saga's handlers (order-created, order-confirmed, order-cancelled), holding stock for `config.reservationTTL`.
    public static func eventHandlers(config: CatalogConfig) -> EventHandlers {
        CatalogEventHandlers.make(reservations: ReservationStore(ttl: config.reservationTTL))
    }

    /// Builds the application. `services` holds, in start order: when `keySource` is nil, the HTTP client of the
    /// `JWKSKeySource` on `auth.jwksURL` (tests pass a static source); the `ReservationExpiryJob`; the product cache's
    /// `ProductCacheInvalidation` (unless `catalog.productCacheSize` is 0); the `EventConsumer` of queue
    /// `catalog.events` (`amqp.*`, `events.*`, `catalog.*` keys).
    public static func buildApplication(environment: ServiceEnvironment, keySource: (any PublicKeySource)?) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        let tokens = AccessTokenVerifier.forService(environment: environment, keySource: keySource)
        var services = tokens.services
        let database = environment.database
        let config = CatalogConfig(reader: environment.config)
        let cache = config.productCacheSize > 0 ? ProductCache(capacity: config.productCacheSize, ttl: config.productCacheTTL) : nil
        let products = ProductStore(database: database, cache: cache)
        let ledger = LedgerStore(database: database)
        let handlers = eventHandlers(config: config)
        let built = try PlatformApplication.build(environment: environment, verifier: tokens.verifier,
                                                  services: try EventPublishing.services(environment: environment)) { router in
            CategoryRoutes(categories: CategoryStore(database: database)).add(to: router)
            ProductRoutes(products: products, search: ProductSearch(database: database)).add(to: router)
            PriceRoutes(products: products, ledger: ledger).add(to: router)
            InventoryRoutes(products: products, stock: StockStore(database: database), ledger: ledger).add(to: router)
            PricingRoutes(products: products, audience: definition.name).add(to: router)
            AuditRoutes(audit: AuditStore(database: database), audience: definition.name,
                        consumer: consumerName, eventTypes: handlers.eventTypes).add(to: router)
        }
        services.append(ReservationExpiryJob(database: database, config: config, logger: environment.logger))
        if let cache { services.append(ProductCacheInvalidation(cache: cache, database: database, logger: environment.logger)) }
        // Last in start order, so it is the first of these to stop: no new reservations while the others drain.
        services.append(EventConsumer(service: definition.name, handlers: handlers, database: database,
                                      config: try MessagingConfig(reader: environment.config), logger: environment.logger))
        return (built.app, built.readiness, services)
    }

    /// Builds the application verifying tokens against identity's JWKS.
    public static func buildApplication(environment: ServiceEnvironment) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        try await buildApplication(environment: environment, keySource: nil)
    }
}

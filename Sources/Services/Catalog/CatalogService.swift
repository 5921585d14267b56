import AsyncHTTPClient
import Logging
import MercatoCore
import Messaging
import ServiceLifecycle

/// The catalog service: categories, products, prices and stock.
public enum CatalogService {
    /// Name `catalog`, port 8082, its schema and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "catalog", defaultPort: 8082, migrations: CatalogMigrations.all, openAPIDocument: CatalogOpenAPI.document)

    /// Builds the application. `keySource` nil → a `JWKSKeySource` on `auth.jwksURL` with an HTTP client this
    /// service owns (returned in `services`, shut down after the server stops); tests pass a static source.
    public static func buildApplication(environment: ServiceEnvironment, keySource: (any PublicKeySource)?) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        var services: [any Service] = []
        let keys: any PublicKeySource
        if let keySource {
            keys = keySource
        } else {
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            let client = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
            services.append(HTTPClientShutdown(client: client))
            keys = JWKSKeySource(url: environment.auth.jwksURL, httpClient: client, logger: environment.logger)
        }
        let verifier = AccessTokenVerifier(keys: keys, auth: environment.auth)
        let database = environment.database
        let products = ProductStore(database: database)
        let ledger = LedgerStore(database: database)
        let built = try PlatformApplication.build(environment: environment, verifier: verifier,
                                                  services: try EventPublishing.services(environment: environment)) { router in
            CategoryRoutes(categories: CategoryStore(database: database)).add(to: router)
            ProductRoutes(products: products, search: ProductSearch(database: database)).add(to: router)
            PriceRoutes(products: products, ledger: ledger).add(to: router)
            InventoryRoutes(products: products, stock: StockStore(database: database), ledger: ledger).add(to: router)
        }
        return (built.app, built.readiness, services)
    }

    /// Builds the application verifying tokens against identity's JWKS.
    public static func buildApplication(environment: ServiceEnvironment) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        try await buildApplication(environment: environment, keySource: nil)
    }
}

import AsyncHTTPClient
import Logging
import MercatoCore
import Messaging
import Resilience
import ServiceLifecycle

/// The orders service: places orders (prices from catalog, idempotent by `Idempotency-Key`) and orchestrates the
/// order saga — stock reservation by catalog, payment by payments, confirmation or compensation — through the
/// outbox and the inbox, with a timeout for sagas that make no progress; idempotency keys expire after
/// `orders.idempotencyRetention`.
public enum OrdersService {
    /// Name `orders`, port 8084, its schema and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "orders", defaultPort: 8084, migrations: OrdersMigrations.all, openAPIDocument: OrdersOpenAPI.document)

    /// The event handlers for the consumer of `orders.events`.
    public static func eventHandlers() -> EventHandlers {
        OrderEventHandlers.make(transitions: OrderTransitions(metrics: OrderMetrics()))
    }

    /// Builds the application. `keySource` nil → tokens are verified against identity's JWKS (`auth.jwksURL`);
    /// `tokenSource` nil → service tokens for catalog come from identity's `/oauth/token` (`serviceAuth.*`, audience
    /// `catalog`, scope `pricing` unless configured). `services` holds, in start order: the JWKS client (when
    /// `keySource` is nil), the HTTP client for catalog, the saga timeout sweep, the idempotency key sweep and the
    /// `EventConsumer` of `orders.events` (`amqp.*`, `events.*` keys). The outbox publisher and relay run inside the
    /// application.
    public static func buildApplication(environment: ServiceEnvironment, keySource: (any PublicKeySource)?,
                                        tokenSource: (any ServiceTokenSource)?) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        let tokens = AccessTokenVerifier.forService(environment: environment, keySource: keySource)
        var services = tokens.services
        let database = environment.database
        let config = OrdersConfig(reader: environment.config)
        let httpClient = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: .serviceToService())
        services.append(OwnedHTTPClient(client: httpClient))
        let pricing = CatalogPricingClient(
            client: ResilientHTTPClient(downstream: DownstreamRegistry(policy: { DownstreamPolicy(reader: environment.config, downstream: $0) })
                                            .downstream("catalog"),
                                        httpClient: httpClient,
                                        tokenSource: tokenSource ?? catalogTokenProvider(environment: environment, httpClient: httpClient),
                                        logger: environment.logger),
            baseURL: config.catalogURL)
        let transitions = OrderTransitions(metrics: OrderMetrics())
        let store = OrderStore(database: database)
        let placement = OrderPlacement(database: database, pricing: pricing,
                                       idempotency: IdempotencyStore(database: database, lease: config.idempotencyLease),
                                       metrics: OrderMetrics())
        let handlers = OrderEventHandlers.make(transitions: transitions)
        let audience = environment.auth.serviceAudience ?? definition.name
        let built = try PlatformApplication.build(environment: environment, verifier: tokens.verifier,
                                                  services: try EventPublishing.services(environment: environment)) { router in
            OrderRoutes(store: store, placement: placement).add(to: router)
            OrderCommandRoutes(database: database, store: store, transitions: transitions).add(to: router)
            OrderAuditRoute(database: database, audience: audience, sagaTimeout: config.sagaTimeout).add(to: router)
            OutboxAuditRoute(database: database, audience: audience).add(to: router)
            InboxAuditRoute(database: database, audience: audience, consumer: definition.name, eventTypes: handlers.eventTypes)
                .add(to: router)
        }
        services.append(SagaTimeoutSweep(database: database, transitions: transitions, config: config, logger: environment.logger))
        services.append(IdempotencyKeySweep(database: database, config: config, metrics: OrderMetrics(), logger: environment.logger))
        // Last in start order, so it is the first of these to stop.
        services.append(EventConsumer(service: definition.name, handlers: handlers,
                                      database: database, config: try MessagingConfig(reader: environment.config),
                                      logger: environment.logger))
        return (built.app, built.readiness, services)
    }

    /// Builds the application with identity's JWKS and service tokens.
    public static func buildApplication(environment: ServiceEnvironment) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        try await buildApplication(environment: environment, keySource: nil, tokenSource: nil)
    }

    /// The client-credentials provider for calls to catalog: client `orders`, audience `catalog`, scope `pricing`
    /// unless `serviceAuth.audience` / `serviceAuth.scope` say otherwise.
    static func catalogTokenProvider(environment: ServiceEnvironment, httpClient: HTTPClient) -> ServiceTokenProvider {
        var auth = ServiceAuthConfig(reader: environment.config, serviceName: definition.name)
        auth.audience = auth.audience ?? "catalog"
        auth.scope = auth.scope ?? "pricing"
        return ServiceTokenProvider(config: auth, httpClient: httpClient, logger: environment.logger)
    }
}

import Logging
import MercatoCore
import Messaging
import ServiceLifecycle

/// The payments service: charges orders through a payment provider, refunds cancelled ones, keeps a double-entry ledger.
///
/// It consumes orders' `payment-requested` (charge: at most one payment per order, by the database) and
/// `order-cancelled` (refund a charge, or remember the cancellation so a later request never charges), and publishes
/// `payment-succeeded`, `payment-failed` and `payment-refunded` through its outbox. The provider is
/// `TestPaymentProvider` (a PSP's test mode) called through `ProviderClient` (timeouts, retries, lookup).
public enum PaymentsService {
    /// Name `payments`, port 8085, its schema and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "payments", defaultPort: 8085, migrations: PaymentsMigrations.all, openAPIDocument: PaymentsOpenAPI.document)

    /// The inbox consumer name events are claimed under (the consumer uses the service name).
    public static let consumerName = "payments"

    /// The event handlers (payment-requested, order-cancelled), calling `provider` as `config` says.
    public static func eventHandlers(provider: any PaymentProvider, config: PaymentsConfig, logger: Logger) -> EventHandlers {
        PaymentEventHandlers.make(client: ProviderClient(provider: provider, config: config, logger: logger), logger: logger)
    }

    /// Builds the application. `keySource` nil → a `JWKSKeySource` on `auth.jwksURL` (tests pass a static source);
    /// `provider` nil → a `TestPaymentProvider` with the `payments.provider.*` knobs. `services` holds, in start order,
    /// the key source's HTTP client (if any) and the `EventConsumer` of queue `payments.events`; the outbox publisher
    /// and relay run with the application.
    public static func buildApplication(environment: ServiceEnvironment, keySource: (any PublicKeySource)?,
                                        provider: (any PaymentProvider)? = nil) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        let tokens = AccessTokenVerifier.forService(environment: environment, keySource: keySource)
        var services = tokens.services
        let database = environment.database
        let config = PaymentsConfig(reader: environment.config)
        let name = definition.name
        let handlers = eventHandlers(provider: try provider ?? config.makeTestProvider(), config: config, logger: environment.logger)
        let built = try PlatformApplication.build(environment: environment, verifier: tokens.verifier,
                                                  services: try EventPublishing.services(environment: environment)) { router in
            PaymentRoutes(store: PaymentStore(database: database)).add(to: router)
            AuditRoutes(store: AuditStore(database: database), outbox: OutboxAuditRoute(database: database, audience: name),
                        audience: name).add(to: router)
            InboxAuditRoute(database: database, audience: name, consumer: consumerName, eventTypes: handlers.eventTypes).add(to: router)
        }
        services.append(EventConsumer(service: name, handlers: handlers, database: database,
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

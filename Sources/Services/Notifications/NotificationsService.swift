import Logging
import MercatoCore
import Messaging
import ServiceLifecycle

/// The notifications service: per-user notification history, channel preferences, email delivery, live stream.
///
/// It consumes identity's user events (keeping its own copy of contact data and channel settings) and catalog's
/// `price-changed` (price drops for opted-in users), renders Mustache templates per event type and locale,
/// writes in-app and email notifications in the event's inbox transaction, sends email over SMTP
/// (`EmailDispatcher`) and pushes new in-app notifications to connected clients over Server-Sent Events
/// (`NotificationStreamListener` + `NotificationHub`).
public enum NotificationsService {
    /// Name `notifications`, port 8086, its schema and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "notifications", defaultPort: 8086, migrations: NotificationsMigrations.all,
        openAPIDocument: NotificationsOpenAPI.document)

    /// The inbox consumer name events are claimed under (the consumer uses the service name).
    public static let consumerName = "notifications"

    /// The event handlers for the consumer (user-registered, user-updated, user-deleted, price-changed);
    /// throws only if a built-in template does not compile.
    public static func eventHandlers() throws -> EventHandlers {
        NotificationEventHandlers.make(renderer: try NotificationRenderer())
    }

    /// Builds the application. `services` holds, in start order: when `keySource` is nil, the HTTP client of the
    /// `JWKSKeySource` on `auth.jwksURL` (tests pass a static source); the `EmailDispatcher`; the
    /// `NotificationStreamListener`; the `EventConsumer` of queue `notifications.events` (`amqp.*`, `events.*` keys).
    public static func buildApplication(environment: ServiceEnvironment, keySource: (any PublicKeySource)?) async throws
        -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    {
        let tokens = AccessTokenVerifier.forService(environment: environment, keySource: keySource)
        var services = tokens.services
        let database = environment.database
        let config = NotificationsConfig(reader: environment.config)
        let hub = NotificationHub(bufferSize: config.streamBuffer)
        let notifications = NotificationStore(database: database)
        let handlers = try eventHandlers()
        let built = try PlatformApplication.build(environment: environment, verifier: tokens.verifier) { router in
            NotificationRoutes(store: notifications).add(to: router)
            PreferenceRoutes(store: PreferenceStore(database: database)).add(to: router)
            StreamRoute(hub: hub, store: notifications, config: config).add(to: router)
            InboxAuditRoute(database: database, audience: environment.auth.serviceAudience ?? definition.name, consumer: consumerName,
                            eventTypes: handlers.eventTypes).add(to: router)
        }
        services.append(EmailDispatcher(database: database, config: SMTPDeliveryConfig(reader: environment.config), logger: environment.logger))
        services.append(NotificationStreamListener(database: database, hub: hub, logger: environment.logger))
        // Last in start order, so it is the first of these to stop: no new notifications while the others drain.
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

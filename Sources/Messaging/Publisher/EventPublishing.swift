import Logging
import MercatoCore
import ServiceLifecycle

/// The producer side of a service: an AMQP publisher and the outbox relay that feeds it.
public enum EventPublishing {
    /// The publisher and relay for `environment`'s service, in start order; pass them to
    /// `PlatformApplication.build(services:)` so they stop before the database pool closes.
    /// Reads `amqp.*` (`MessagingConfig`) and `outbox.*` (`OutboxRelayConfig`).
    public static func services(environment: ServiceEnvironment) throws -> [any Service] {
        let messaging = try MessagingConfig(reader: environment.config)
        let name = environment.definition.name
        let publisher = AMQPEventPublisher(configuration: messaging.amqp, service: name, exchange: messaging.exchange,
                                           logger: environment.logger)
        let relay = OutboxRelay(database: environment.database, publisher: publisher, config: OutboxRelayConfig(reader: environment.config),
                                service: name, logger: environment.logger)
        return [publisher, relay]
    }
}

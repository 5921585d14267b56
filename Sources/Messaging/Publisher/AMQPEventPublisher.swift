import AMQP
import Contracts
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// Publishes outbox events to the events exchange (`mercato.events`) with publisher confirms, a relay batch at a time
/// (`startPublish(batch:)`: written at once, confirmed together), each with its event id as message id. An event some
/// service consumes (`EventBindings`, or the `mandatory` rule given) is published `mandatory`: one the broker returns
/// (no queue bound for its routing key yet) fails the batch, which stays unsent and is retried. An event no service
/// consumes is published without it — nothing is lost when no queue takes it, and it must not block the outbox.
///
/// The connection is made on first use and reconnects by itself (AMQP topology recovery); while it is down,
/// `publish` reports the failure and the relay retries later, so a broker outage never blocks the producer's
/// own transactions. Run it as a `Service` next to the relay so the connection closes at shutdown.
public actor AMQPEventPublisher: EventPublisher, Service {
    private let configuration: AMQPConfiguration
    private let logger: Logger
    private let instruments: PublisherInstruments
    private let appID: String
    private let exchange: String
    private let mandatory: @Sendable (String) -> Bool
    private var connection: AMQPConnection?
    private var channel: AMQPChannel?

    /// A publisher for `service` that connects with `configuration` and publishes to `exchange`; `mandatory` says by
    /// routing key which events must reach a queue.
    public init(configuration: AMQPConfiguration, service: String, exchange: String = EventTopology.defaultExchange, logger: Logger,
                mandatory: @escaping @Sendable (String) -> Bool = EventBindings.isConsumed) {
        self.exchange = exchange
        self.mandatory = mandatory
        var configuration = configuration
        configuration.connectionName = configuration.connectionName ?? "\(service) outbox relay"
        self.configuration = configuration
        self.logger = logger
        self.appID = service
        self.instruments = PublisherInstruments(service: service)
    }

    /// Publishes in order and awaits the confirms: all of the batch is confirmed, or none counts.
    public func publish(_ events: [OutgoingEvent]) async -> PublishOutcome {
        guard !events.isEmpty else { return PublishOutcome(confirmed: 0, failure: nil) }
        let channel: AMQPChannel
        do {
            channel = try await confirmedChannel()
        } catch {
            return PublishOutcome(confirmed: 0, failure: error)
        }
        // One batch: its frames go out in one write, and one promise completes when the broker has confirmed
        // every message (multiple acks make that one or two frames back). Any nack or a lost connection fails the
        // whole batch, which the relay then publishes again — consumers deduplicate by event id.
        // Mandatory: an event no queue is bound for (yet) comes back instead of being dropped and acked, and stays unsent.
        let messages = events.map { event in
            AMQPOutboundMessage(ByteBuffer(bytes: event.body), exchange: exchange, routingKey: event.routingKey,
                                mandatory: mandatory(event.routingKey),
                                properties: properties(of: event))
        }
        do {
            let confirmation = try channel.startPublish(batch: messages)
            instruments.published.increment(by: events.count)
            try await confirmation.confirmed()
        } catch let error as AMQPError where error.code == .publishReturned {
            let routingKey = error.routingKey ?? ""
            instruments.returned(routingKey: routingKey)
            logger.warning("the broker returned an event no queue is bound for; the batch is published again later",
                           metadata: ["routing_key": "\(routingKey)", "error": "\(error)"])
            return PublishOutcome(confirmed: 0, failure: error)
        } catch {
            return PublishOutcome(confirmed: 0, failure: error)
        }
        instruments.confirmed.increment(by: events.count)
        return PublishOutcome(confirmed: events.count, failure: nil)
    }

    /// Waits for graceful shutdown, then closes the connection (the relay, stopped first, has finished publishing).
    public func run() async throws {
        try? await gracefulShutdown()
        try? await connection?.close()
        connection = nil
        channel = nil
    }

    /// The channel in confirm mode, connecting or reopening as needed.
    private func confirmedChannel() async throws -> AMQPChannel {
        if let channel, channel.closedError == nil { return channel }
        let connection: AMQPConnection
        if let existing = self.connection {
            connection = existing
        } else {
            connection = try await AMQPConnection.connect(configuration: configuration, logger: logger)
            self.connection = connection
            logger.info("connected to RabbitMQ", metadata: ["host": "\(configuration.host)", "port": "\(configuration.port)"])
        }
        let channel = try await connection.openChannel()
        try await channel.confirmSelect()
        try await EventTopology.declareExchange(exchange, on: channel)
        self.channel = channel
        return channel
    }

    private func properties(of event: OutgoingEvent) -> AMQPBasicProperties {
        var headers: AMQPTable = [:]
        if let traceparent = event.traceparent { headers[EventHeaders.traceparent] = .string(traceparent) }
        if !event.subject.isEmpty { headers[EventHeaders.subject] = .string(event.subject) }
        return AMQPBasicProperties(contentType: "application/cloudevents+json", headers: headers, deliveryMode: 2,
                                   messageID: event.eventID.uuidString.lowercased(),
                                   timestamp: UInt64(Date().timeIntervalSince1970), type: event.eventType, appID: appID)
    }
}

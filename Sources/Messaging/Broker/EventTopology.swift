import AMQP

/// The names and shape of the event topology: one topic exchange for every event, and per consuming service a
/// durable queue, retry queues with growing delays that dead-letter back into it, and a dead-letter queue.
///
/// ```
/// mercato.events (topic) ──<routing keys>──▶ <service>.events ──fail──▶ <service>.retry.1 (TTL 1 s) ──▶ <service>.events
///                                                               └──fail──▶ <service>.retry.N … └── last ──▶ <service>.dlq
/// ```
/// Retry and dead-letter copies are published by the consumer through the default exchange straight to
/// the queue (so other services never see them again), each with its attempt and reason in headers.
public struct EventTopology: Sendable, Equatable {
    /// The topic exchange every event is published to, unless `events.exchange` names another.
    public static let defaultExchange = "mercato.events"

    /// The consuming service.
    public var service: String
    /// Seconds each retry queue holds a message, in order.
    public var retryDelays: [Double]
    /// The topic exchange the service's queue is bound to.
    public var exchange: String

    /// The topology of `service` on `exchange`.
    public init(service: String, retryDelays: [Double], exchange: String = EventTopology.defaultExchange) {
        self.service = service
        self.retryDelays = retryDelays
        self.exchange = exchange
    }

    /// `<service>.events`: the queue the consumer reads.
    public var mainQueue: String { "\(service).events" }
    /// `<service>.dlq`: where messages end that can never be handled.
    public var deadLetterQueue: String { "\(service).dlq" }
    /// `<service>.retry.<n>` for retry `n` (1-based).
    public func retryQueue(_ retry: Int) -> String { "\(service).retry.\(retry)" }

    /// Declares the topic exchange `name` (every producer does this too) idempotently.
    public static func declareExchange(_ name: String, on channel: AMQPChannel) async throws {
        try await channel.exchangeDeclare(name, type: "topic", durable: true)
    }

    /// Declares the exchange, the queues and the bindings for `routingKeys`; safe to repeat at every start.
    public func declare(on channel: AMQPChannel, routingKeys: [String]) async throws {
        try await Self.declareExchange(exchange, on: channel)
        try await channel.queueDeclare(mainQueue, durable: true)
        for (index, delay) in retryDelays.enumerated() {
            try await channel.queueDeclare(retryQueue(index + 1), durable: true, arguments: [
                "x-message-ttl": .int64(Int64((delay * 1000).rounded())),
                "x-dead-letter-exchange": .string(""),
                "x-dead-letter-routing-key": .string(mainQueue),
            ])
        }
        try await channel.queueDeclare(deadLetterQueue, durable: true)
        for key in routingKeys {
            try await channel.queueBind(queue: mainQueue, exchange: exchange, routingKey: key)
        }
    }
}

/// The message headers Mercato adds to events.
public enum EventHeaders {
    /// W3C trace context of the producing change.
    public static let traceparent = "traceparent"
    /// W3C trace state.
    public static let tracestate = "tracestate"
    /// The event's subject (aggregate id): consumers handle one subject's events in order.
    public static let subject = "x-mercato-subject"
    /// Which delivery attempt the copy is (1 for the original).
    public static let attempt = "x-mercato-attempt"
    /// Why the previous attempt failed (retry copies) or why the message was dead-lettered.
    public static let reason = "x-mercato-reason"
    /// The routing key the event was first published with (kept on retry and dead-letter copies).
    public static let originalRoutingKey = "x-mercato-routing-key"
    /// When it was dead-lettered (ISO-8601).
    public static let deadLetteredAt = "x-mercato-dead-lettered-at"
}

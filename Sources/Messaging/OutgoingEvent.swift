import Foundation

/// An event ready to publish: the encoded envelope and what the broker needs to route it.
public struct OutgoingEvent: Sendable, Equatable {
    /// Outbox sequence number (publish order).
    public var sequence: Int64
    /// Event id (AMQP `message_id`).
    public var eventID: UUID
    /// CloudEvents type.
    public var eventType: String
    /// Routing key on the `mercato.events` exchange.
    public var routingKey: String
    /// The aggregate the event is about; consumers keep events of one subject in order.
    public var subject: String
    /// The CloudEvents JSON document, byte for byte as stored.
    public var body: Data
    /// W3C traceparent of the producing change, also sent as an AMQP header.
    public var traceparent: String?

    /// An event with every field.
    public init(sequence: Int64, eventID: UUID, eventType: String, routingKey: String, subject: String = "", body: Data, traceparent: String?) {
        self.sequence = sequence
        self.eventID = eventID
        self.eventType = eventType
        self.routingKey = routingKey
        self.subject = subject
        self.body = body
        self.traceparent = traceparent
    }
}

/// Publishes events to the broker with confirmation. The AMQP adapter implements it; tests use fakes.
public protocol EventPublisher: Sendable {
    /// Publishes `events` in order and waits for the broker's confirmations. Returns how many, counted
    /// from the first, were confirmed, and the error that stopped the rest (nil when all were).
    func publish(_ events: [OutgoingEvent]) async -> PublishOutcome
}

/// What a publish attempt achieved.
public struct PublishOutcome: Sendable {
    /// Events confirmed, counted from the first of the batch.
    public var confirmed: Int
    /// Why the next one was not confirmed, if any.
    public var failure: (any Error)?

    /// An outcome.
    public init(confirmed: Int, failure: (any Error)?) {
        self.confirmed = confirmed
        self.failure = failure
    }
}

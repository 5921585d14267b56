import Contracts
import Foundation

/// An event taken off the broker, decoded to its typed payload and handed to a handler.
public struct ReceivedEvent<Payload: EventPayload>: Sendable {
    /// The event id (the inbox key).
    public var id: UUID
    /// The CloudEvents type, e.g. `mercato.identity.user-registered.v1`.
    public var type: String
    /// The producer, `/mercato/<service>`.
    public var source: String
    /// The aggregate the event is about.
    public var subject: String
    /// When the change happened at the producer.
    public var time: Date
    /// The producer's W3C trace context.
    public var traceparent: String?
    /// Which delivery this is: 1 for the first, 2 after one retry, …
    public var attempt: Int
    /// The typed payload.
    public var payload: Payload

    /// An event with every field (the consumer makes these; tests may too).
    public init(id: UUID, type: String, source: String, subject: String, time: Date, traceparent: String?, attempt: Int,
                payload: Payload) {
        self.id = id
        self.type = type
        self.source = source
        self.subject = subject
        self.time = time
        self.traceparent = traceparent
        self.attempt = attempt
        self.payload = payload
    }

    /// The received form of an envelope.
    public init(envelope: EventEnvelope<Payload>, attempt: Int) {
        self.init(id: envelope.id, type: envelope.type, source: envelope.source, subject: envelope.subject, time: envelope.time,
                  traceparent: envelope.traceparent, attempt: attempt, payload: envelope.data)
    }
}

/// Thrown by a handler for an event that can never succeed (e.g. it contradicts the consumer's rules):
/// the event goes straight to the dead-letter queue with `reason`, without retries. Any other error is
/// treated as transient and retried.
public struct PermanentEventFailure: Error, CustomStringConvertible {
    /// Why, recorded in the dead-lettered message's `x-mercato-reason` header.
    public var reason: String

    /// A permanent failure with a reason.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}

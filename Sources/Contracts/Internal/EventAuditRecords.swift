import Foundation

/// `GET /internal/v1/audit/outbox/events` on every producing service: one event the relay has sent (keyset by the
/// outbox's sequence; rows older than `outbox.retention` are pruned and no longer listed).
public struct OutboxEventAudit: Codable, Sendable, Equatable {
    /// The event's id (the CloudEvents `id` consumers claim in their inbox).
    public var eventID: UUID
    /// Its CloudEvents type, e.g. `mercato.orders.order-created.v1`.
    public var eventType: String
    /// When the broker confirmed it.
    public var sentAt: Date

    /// A record with every field.
    public init(eventID: UUID, eventType: String, sentAt: Date) {
        self.eventID = eventID
        self.eventType = eventType
        self.sentAt = sentAt
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", eventType = "event_type", sentAt = "sent_at"
    }
}

/// `GET /internal/v1/audit/inbox` on every consuming service: the event types its queue binds and what its inbox holds.
public struct InboxAudit: Codable, Sendable, Equatable {
    /// The inbox consumer name (the service's name).
    public var consumer: String
    /// The CloudEvents types the service has a handler for, sorted (its queue is bound to exactly these).
    public var eventTypes: [String]
    /// Events in the inbox.
    public var received: Int
    /// When the oldest event the inbox still holds was handled; nil when it holds none.
    public var oldestReceivedAt: Date?

    /// A summary.
    public init(consumer: String, eventTypes: [String], received: Int, oldestReceivedAt: Date?) {
        self.consumer = consumer
        self.eventTypes = eventTypes
        self.received = received
        self.oldestReceivedAt = oldestReceivedAt
    }

    enum CodingKeys: String, CodingKey {
        case consumer, eventTypes = "event_types", received, oldestReceivedAt = "oldest_received_at"
    }
}

/// `GET /internal/v1/audit/inbox/events` on every consuming service: one handled event (keyset by event id).
public struct InboxEventAudit: Codable, Sendable, Equatable {
    /// The event's id.
    public var eventID: UUID
    /// Its CloudEvents type.
    public var eventType: String
    /// When its handler's transaction claimed it.
    public var receivedAt: Date

    /// A record with every field.
    public init(eventID: UUID, eventType: String, receivedAt: Date) {
        self.eventID = eventID
        self.eventType = eventType
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", eventType = "event_type", receivedAt = "received_at"
    }
}

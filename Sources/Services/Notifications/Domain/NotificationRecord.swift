import Foundation

/// One notification as the API and the live stream show it.
public struct NotificationRecord: Codable, Sendable, Equatable {
    /// Notification id.
    public var id: UUID
    /// The CloudEvents type of the event that caused it.
    public var eventType: String
    /// Topic.
    public var topic: NotificationTopic
    /// Channel (`in_app` for everything the API lists).
    public var channel: NotificationChannel
    /// Rendered subject.
    public var subject: String
    /// Rendered text body.
    public var body: String
    /// Status.
    public var status: NotificationStatus
    /// When it was created.
    public var createdAt: Date
    /// When the user read it.
    public var readAt: Date?

    /// A record with every field.
    public init(id: UUID, eventType: String, topic: NotificationTopic, channel: NotificationChannel, subject: String, body: String,
                status: NotificationStatus, createdAt: Date, readAt: Date?) {
        self.id = id
        self.eventType = eventType
        self.topic = topic
        self.channel = channel
        self.subject = subject
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case id, eventType = "event_type", topic, channel, subject, body, status, createdAt = "created_at", readAt = "read_at"
    }

    /// Always writes `read_at`, as null while unread.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(topic, forKey: .topic)
        try container.encode(channel, forKey: .channel)
        try container.encode(subject, forKey: .subject)
        try container.encode(body, forKey: .body)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(readAt, forKey: .readAt)
    }
}

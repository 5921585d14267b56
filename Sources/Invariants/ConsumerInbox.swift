import Contracts
import Foundation

/// One consuming service's inbox as `mercato check` read it: the event types it binds, since when it holds events,
/// and the ids of every event it holds.
public struct ConsumerInbox: Sendable, Equatable {
    /// The event types the service handles (its queue's bindings).
    public var eventTypes: Set<String>
    /// When the oldest event it still holds was handled; nil when it holds none.
    public var oldestReceivedAt: Date?
    /// The ids of the events it holds.
    public var eventIDs: Set<UUID>

    /// An inbox.
    public init(eventTypes: Set<String>, oldestReceivedAt: Date?, eventIDs: Set<UUID>) {
        self.eventTypes = eventTypes
        self.oldestReceivedAt = oldestReceivedAt
        self.eventIDs = eventIDs
    }

    /// The inbox the audit routes describe: `summary` and every page of `events`.
    public init(summary: InboxAudit, events: [InboxEventAudit]) {
        self.init(eventTypes: Set(summary.eventTypes), oldestReceivedAt: summary.oldestReceivedAt, eventIDs: Set(events.map(\.eventID)))
    }
}

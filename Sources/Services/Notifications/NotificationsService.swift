import MercatoCore

/// The notifications service: per-user notification history, channel preferences, email delivery, live stream.
public enum NotificationsService {
    /// Name `notifications`, port 8086.
    public static let definition = ServiceDefinition(name: "notifications", defaultPort: 8086, migrations: [], openAPIDocument: "")
}

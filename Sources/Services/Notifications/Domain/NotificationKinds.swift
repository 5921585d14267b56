/// What a notification is about; each topic has a switch in the user's preferences (default on).
public enum NotificationTopic: String, Codable, Sendable, CaseIterable {
    /// Account messages such as the welcome after registration.
    case account
    /// Price drops of products, only for users with marketing opt-in.
    case priceDrop = "price_drop"
    /// Order updates: confirmation, cancellation, refund.
    case orders
}

/// Where a notification is delivered.
public enum NotificationChannel: String, Codable, Sendable, CaseIterable {
    /// Shown by `GET /api/v1/notifications` and pushed on the live stream.
    case inApp = "in_app"
    /// Sent by the email dispatcher over SMTP.
    case email
}

/// Where a notification is in its life: in-app rows are `delivered` then `read`;
/// email rows are `pending` then `sent`, or `failed` after the last attempt.
public enum NotificationStatus: String, Codable, Sendable, CaseIterable {
    /// An in-app notification the user has not read.
    case delivered
    /// An email waiting for (another) attempt.
    case pending
    /// An email the SMTP server accepted.
    case sent
    /// An email given up on; `last_error` says why.
    case failed
    /// An in-app notification the user marked read.
    case read
}

/// The PostgreSQL NOTIFY channels this service uses; notifications are sent inside the creating transaction,
/// so listeners hear of a row only once it is committed.
enum NotificationSignals {
    /// A new in-app notification; payload `<notification id> <user id>`. Feeds every replica's stream hub.
    static let created = "notifications_created"
    /// New pending email; empty payload (PostgreSQL folds duplicates within a transaction). Wakes the email dispatcher.
    static let email = "notifications_email"

    /// The tail of an insert statement: given a CTE `inserted(id, user_id, channel)`, sends one `created` signal
    /// per in-app row and one `email` signal per email row, and returns the counts per channel.
    static let notifyInserted = """
        SELECT channel, count(pg_notify(
            CASE channel WHEN 'in_app' THEN '\(created)' ELSE '\(email)' END,
            CASE channel WHEN 'in_app' THEN id::text || ' ' || user_id::text ELSE '' END))::bigint
        FROM inserted GROUP BY channel
        """
}

import MercatoCore
import Messaging

/// The notifications schema, in order.
enum NotificationsMigrations {
    static let all: [Migration] = [recipients, preferences, notifications, MessagingMigrations.inbox(version: 4)]

    /// This service's copy of each user's contact data, kept from identity's events only.
    /// `identity_event_at` is the time of the newest identity event applied, so an older one never overwrites it;
    /// a deleted recipient is a tombstone with its contact data blanked.
    static let recipients = Migration(version: 1, name: "recipients", statements: [
        """
        CREATE TABLE recipients (
            user_id uuid PRIMARY KEY,
            email text NOT NULL,
            name text NOT NULL,
            locale text NOT NULL DEFAULT 'en',
            channels text[] NOT NULL DEFAULT ARRAY['email'],
            marketing_opt_in boolean NOT NULL DEFAULT false,
            disabled boolean NOT NULL DEFAULT false,
            deleted boolean NOT NULL DEFAULT false,
            identity_event_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX recipients_marketing ON recipients (user_id) WHERE marketing_opt_in AND NOT disabled AND NOT deleted",
    ])

    /// Per-user topic switches (default on); edited through `PUT /api/v1/notifications/preferences`.
    static let preferences = Migration(version: 2, name: "notification_preferences", statements: [
        """
        CREATE TABLE notification_preferences (
            user_id uuid PRIMARY KEY,
            account boolean NOT NULL DEFAULT true,
            price_drop boolean NOT NULL DEFAULT true,
            orders boolean NOT NULL DEFAULT true,
            version integer NOT NULL DEFAULT 1,
            updated_at timestamptz NOT NULL DEFAULT now())
        """,
    ])

    /// The history: one row per event, user and channel. In-app rows are what the API lists;
    /// email rows are the delivery queue (`pending` → `sent` | `failed`).
    static let notifications = Migration(version: 3, name: "notifications", statements: [
        """
        CREATE TABLE notifications (
            id uuid PRIMARY KEY,
            user_id uuid NOT NULL,
            event_id uuid NOT NULL,
            event_type text NOT NULL,
            topic text NOT NULL CHECK (topic IN ('account', 'price_drop', 'orders')),
            channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
            address text,
            subject text NOT NULL,
            body text NOT NULL,
            status text NOT NULL CHECK (status IN ('delivered', 'pending', 'sent', 'failed', 'read')),
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            last_error text,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            sent_at timestamptz,
            read_at timestamptz,
            CONSTRAINT notifications_event_user_channel UNIQUE (event_id, user_id, channel))
        """,
        "CREATE INDEX notifications_user_in_app ON notifications (user_id, created_at DESC, id DESC) WHERE channel = 'in_app'",
        "CREATE INDEX notifications_user_unread ON notifications (user_id, created_at DESC, id DESC) WHERE channel = 'in_app' AND read_at IS NULL",
        "CREATE INDEX notifications_email_due ON notifications (next_attempt_at) WHERE channel = 'email' AND status = 'pending'",
    ])
}

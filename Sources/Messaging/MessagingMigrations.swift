import MercatoCore

/// The tables a producing or consuming service adds to its own schema.
public enum MessagingMigrations {
    /// The transactional outbox, at `version` of the service's migrations.
    public static func outbox(version: Int) -> Migration {
        Migration(version: version, name: "outbox", statements: [
            """
            CREATE TABLE outbox (
                seq bigserial PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                event_type text NOT NULL,
                routing_key text NOT NULL,
                subject text NOT NULL,
                body text NOT NULL,
                traceparent text,
                created_at timestamptz NOT NULL DEFAULT now(),
                sent_at timestamptz,
                attempts integer NOT NULL DEFAULT 0,
                last_error text)
            """,
            "CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL",
            "CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL",
        ])
    }

    /// The inbox that makes redelivered events harmless, at `version` of the service's migrations.
    public static func inbox(version: Int) -> Migration {
        Migration(version: version, name: "inbox", statements: [
            """
            CREATE TABLE inbox (
                consumer text NOT NULL,
                event_id uuid NOT NULL,
                event_type text NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, event_id))
            """,
        ])
    }
}

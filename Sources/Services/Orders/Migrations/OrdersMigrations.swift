import MercatoCore
import Messaging

/// The orders schema, in order. Never edit an applied migration: add a new one.
enum OrdersMigrations {
    /// Every migration.
    static let all: [Migration] = [orders, idempotencyKeys, MessagingMigrations.outbox(version: 3), MessagingMigrations.inbox(version: 4),
                                    idempotencyKeysCreated]

    /// Orders, their priced lines and every status change.
    static let orders = Migration(version: 1, name: "orders", statements: [
        """
        CREATE TABLE orders (
            id uuid PRIMARY KEY,
            customer_id uuid NOT NULL,
            status text NOT NULL,
            total_amount bigint NOT NULL,
            total_currency text NOT NULL,
            ship_name text NOT NULL,
            ship_line1 text NOT NULL,
            ship_line2 text,
            ship_city text NOT NULL,
            ship_postal_code text NOT NULL,
            ship_country text NOT NULL,
            payment_method text NOT NULL,
            payment_token text NOT NULL,
            cancellation_reason text,
            cancellation_detail text,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            version integer NOT NULL DEFAULT 1,
            CONSTRAINT orders_status_check
                CHECK (status IN ('PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
            CONSTRAINT orders_total_check CHECK (total_amount >= 0 AND total_currency ~ '^[A-Z]{3}$'),
            CONSTRAINT orders_cancellation_check CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL)))
        """,
        "CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC, id DESC)",
        "CREATE INDEX orders_created ON orders (created_at DESC, id DESC)",
        "CREATE INDEX orders_in_flight ON orders (updated_at) WHERE status IN ('PENDING', 'AWAITING_PAYMENT')",
        """
        CREATE TABLE order_lines (
            order_id uuid NOT NULL REFERENCES orders (id),
            position integer NOT NULL,
            product_id uuid NOT NULL,
            sku text NOT NULL,
            name text NOT NULL,
            quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
            unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
            unit_currency text NOT NULL,
            PRIMARY KEY (order_id, position),
            CONSTRAINT order_lines_product_once UNIQUE (order_id, product_id))
        """,
        """
        CREATE TABLE order_status_history (
            id bigserial PRIMARY KEY,
            order_id uuid NOT NULL REFERENCES orders (id),
            from_status text,
            to_status text NOT NULL,
            reason text,
            at timestamptz NOT NULL DEFAULT clock_timestamp())
        """,
        "CREATE INDEX order_status_history_order ON order_status_history (order_id, id)",
    ])

    /// Idempotency keys of order placements: one per customer and key. A row without `response_status` is a
    /// placement in flight; a completed one holds the first response, replayed for the same request fingerprint.
    static let idempotencyKeys = Migration(version: 2, name: "idempotency_keys", statements: [
        """
        CREATE TABLE idempotency_keys (
            customer_id uuid NOT NULL,
            key text NOT NULL,
            fingerprint text NOT NULL,
            response_status integer,
            response_body text,
            order_id uuid REFERENCES orders (id),
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (customer_id, key))
        """,
    ])

    /// Lets the retention sweep find the oldest keys without reading the table (`IdempotencyKeySweep`). The table
    /// grew without bound before this, so building the index may outlast `postgres.queryTimeout`: no limit for it.
    static let idempotencyKeysCreated = Migration(version: 5, name: "idempotency_keys_created", statements: [
        "SET LOCAL statement_timeout = 0",
        "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)",
    ])
}

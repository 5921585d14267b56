import MercatoCore
import Messaging

/// The catalog schema, in order. Never edit an applied migration: add a new one.
enum CatalogMigrations {
    /// Every migration.
    static let all: [Migration] = [categoriesAndProducts, pricesAndStock, MessagingMigrations.outbox(version: 3), reservations,
                                   MessagingMigrations.inbox(version: 5), productChangeNotifications]

    /// Categories (a tree) and products with their full-text search column.
    static let categoriesAndProducts = Migration(version: 1, name: "categories_and_products", statements: [
        """
        CREATE TABLE categories (
            id uuid PRIMARY KEY,
            parent_id uuid REFERENCES categories (id) ON DELETE RESTRICT,
            slug text NOT NULL,
            name text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT categories_slug_key UNIQUE (slug),
            CONSTRAINT categories_not_own_parent CHECK (parent_id <> id))
        """,
        "CREATE INDEX categories_parent_idx ON categories (parent_id)",
        """
        CREATE TABLE products (
            id uuid PRIMARY KEY,
            sku text NOT NULL,
            name text NOT NULL,
            description text NOT NULL DEFAULT '',
            category_id uuid REFERENCES categories (id) ON DELETE RESTRICT,
            attributes jsonb NOT NULL DEFAULT '{}',
            images jsonb NOT NULL DEFAULT '[]',
            status text NOT NULL,
            price_amount bigint NOT NULL,
            price_currency text NOT NULL,
            version integer NOT NULL DEFAULT 1,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', sku), 'A') ||
                setweight(to_tsvector('english', name), 'A') ||
                setweight(to_tsvector('english', description), 'B')) STORED,
            CONSTRAINT products_sku_key UNIQUE (sku),
            CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'archived')),
            CONSTRAINT products_price_amount_check CHECK (price_amount >= 0),
            CONSTRAINT products_price_currency_check CHECK (price_currency ~ '^[A-Z]{3}$'),
            CONSTRAINT products_attributes_object CHECK (jsonb_typeof(attributes) = 'object'),
            CONSTRAINT products_images_array CHECK (jsonb_typeof(images) = 'array'))
        """,
        "CREATE INDEX products_search_idx ON products USING gin (search)",
        "CREATE INDEX products_category_idx ON products (category_id)",
        "CREATE INDEX products_created_idx ON products (created_at, id)",
        "CREATE INDEX products_price_idx ON products (price_amount, id)",
        "CREATE INDEX products_name_idx ON products (name, id)",
    ])

    /// Price history and stock (row plus append-only movement ledger).
    static let pricesAndStock = Migration(version: 2, name: "prices_and_stock", statements: [
        """
        CREATE TABLE price_history (
            id bigserial PRIMARY KEY,
            product_id uuid NOT NULL REFERENCES products (id),
            old_amount bigint NOT NULL,
            old_currency text NOT NULL,
            new_amount bigint NOT NULL,
            new_currency text NOT NULL,
            changed_by text NOT NULL,
            changed_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX price_history_product_idx ON price_history (product_id, id DESC)",
        """
        CREATE TABLE stock (
            product_id uuid PRIMARY KEY REFERENCES products (id),
            on_hand bigint NOT NULL DEFAULT 0,
            reserved bigint NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT stock_on_hand_nonnegative CHECK (on_hand >= 0),
            CONSTRAINT stock_reserved_nonnegative CHECK (reserved >= 0),
            CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand))
        """,
        """
        CREATE TABLE stock_movements (
            id bigserial PRIMARY KEY,
            product_id uuid NOT NULL REFERENCES products (id),
            delta bigint NOT NULL CHECK (delta <> 0),
            reason text NOT NULL CHECK (reason IN ('restock', 'correction', 'damage')),
            on_hand_after bigint NOT NULL CHECK (on_hand_after >= 0),
            actor text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, id DESC)",
        """
        CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END
        $$
        """,
        """
        CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
            FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only()
        """,
        """
        CREATE TRIGGER price_history_append_only BEFORE UPDATE OR DELETE ON price_history
            FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only()
        """,
    ])

    /// Stock reservations for orders (one per order, with its lines) and the ledger reasons `sale` / `return` with the order they belong to.
    static let reservations = Migration(version: 4, name: "reservations", statements: [
        """
        CREATE TABLE reservations (
            order_id uuid PRIMARY KEY,
            state text NOT NULL,
            expires_at timestamptz NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT reservations_state_check CHECK (state IN ('held', 'committed', 'released', 'expired')))
        """,
        "CREATE INDEX reservations_held_expiry_idx ON reservations (expires_at) WHERE state = 'held'",
        """
        CREATE TABLE reservation_lines (
            order_id uuid NOT NULL REFERENCES reservations (order_id),
            product_id uuid NOT NULL REFERENCES products (id),
            quantity bigint NOT NULL,
            PRIMARY KEY (order_id, product_id),
            CONSTRAINT reservation_lines_quantity_positive CHECK (quantity > 0))
        """,
        "CREATE INDEX reservation_lines_product_idx ON reservation_lines (product_id)",
        "ALTER TABLE stock_movements ADD COLUMN order_id uuid",
        "ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check",
        """
        ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_reason_check
            CHECK (reason IN ('restock', 'correction', 'damage', 'sale', 'return'))
        """,
        """
        ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_order_reference
            CHECK ((reason IN ('sale', 'return')) = (order_id IS NOT NULL))
        """,
    ])

    /// Every committed insert, update or delete of a product sends its id on `catalog_products`, so each replica's
    /// product cache evicts it (`ProductCacheInvalidation`), whoever made the change.
    static let productChangeNotifications = Migration(version: 6, name: "product_change_notifications", statements: [
        """
        CREATE FUNCTION products_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('catalog_products', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER products_notify_change AFTER INSERT OR UPDATE OR DELETE ON products
            FOR EACH ROW EXECUTE FUNCTION products_notify_change()
        """,
    ])
}

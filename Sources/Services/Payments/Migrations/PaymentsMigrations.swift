import MercatoCore
import Messaging

/// The payments schema, in order.
enum PaymentsMigrations {
    static let all: [Migration] = [payments, ledger, ledgerChecks, MessagingMigrations.outbox(version: 4), MessagingMigrations.inbox(version: 5)]

    /// Payments (at most one per order: `payments_one_per_order`), their refunds, and cancellations seen before any
    /// payment (so a late payment-requested never charges a cancelled order).
    static let payments = Migration(version: 1, name: "payments", statements: [
        """
        CREATE TABLE payments (
            id uuid PRIMARY KEY,
            order_id uuid NOT NULL CONSTRAINT payments_one_per_order UNIQUE,
            customer_id uuid NOT NULL,
            status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
            amount bigint NOT NULL CHECK (amount > 0),
            currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
            refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
            idempotency_key text NOT NULL UNIQUE,
            provider_reference text,
            failure_code text CHECK (failure_code IN ('declined', 'insufficient_funds', 'provider_unavailable', 'invalid_token')),
            failure_detail text,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT payments_failure_code CHECK ((status = 'failed') = (failure_code IS NOT NULL)),
            CONSTRAINT payments_charged_reference CHECK (status NOT IN ('succeeded', 'refunded') OR provider_reference IS NOT NULL),
            CONSTRAINT payments_refunded_amount CHECK ((status = 'refunded') = (refunded_amount > 0)))
        """,
        "CREATE INDEX payments_customer ON payments (customer_id)",
        """
        CREATE TABLE refunds (
            id uuid PRIMARY KEY,
            payment_id uuid NOT NULL REFERENCES payments (id),
            amount bigint NOT NULL CHECK (amount > 0),
            currency text NOT NULL,
            idempotency_key text NOT NULL UNIQUE,
            provider_reference text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX refunds_payment ON refunds (payment_id)",
        """
        CREATE TABLE order_cancellations (
            order_id uuid PRIMARY KEY,
            reason text NOT NULL,
            cancelled_at timestamptz NOT NULL DEFAULT now())
        """,
    ])

    /// The double-entry ledger: one transaction per charge or refund, its entries in `ledger_entries`.
    static let ledger = Migration(version: 2, name: "ledger", statements: [
        """
        CREATE TABLE ledger_transactions (
            id uuid PRIMARY KEY,
            order_id uuid NOT NULL,
            payment_id uuid NOT NULL REFERENCES payments (id),
            kind text NOT NULL CHECK (kind IN ('charge', 'refund')),
            created_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX ledger_transactions_payment ON ledger_transactions (payment_id)",
        """
        CREATE TABLE ledger_entries (
            id bigserial PRIMARY KEY,
            transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
            account text NOT NULL CHECK (account IN ('psp_receivable', 'customer_payments')),
            side text NOT NULL CHECK (side IN ('debit', 'credit')),
            amount bigint NOT NULL CHECK (amount > 0),
            currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'))
        """,
        "CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id)",
    ])

    /// The database refuses an unbalanced ledger: at commit (deferred constraint triggers) every transaction touched
    /// must have entries whose debits equal their credits in each currency; entries and transactions are append-only.
    static let ledgerChecks = Migration(version: 3, name: "ledger_checks", statements: [
        """
        CREATE FUNCTION ledger_assert_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            tx uuid;
        BEGIN
            IF TG_TABLE_NAME = 'ledger_transactions' THEN tx := NEW.id; ELSE tx := NEW.transaction_id; END IF;
            IF NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = tx)
               OR EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = tx GROUP BY currency
                          HAVING sum(CASE side WHEN 'debit' THEN amount ELSE -amount END) <> 0) THEN
                RAISE EXCEPTION 'ledger transaction % is unbalanced', tx
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_balanced';
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_assert_balanced()
        """,
        """
        CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_assert_balanced()
        """,
        """
        CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'restrict_violation';
        END $$
        """,
        "CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()",
        """
        CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
            FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
        """,
    ])
}

import MercatoCore
import Messaging

/// The identity schema, in order.
enum IdentityMigrations {
    static let all: [Migration] = [users, refreshTokens, loginFailures, signingKeys, MessagingMigrations.outbox(version: 5)]

    /// Users (email stored normalized, unique case-insensitively) and their preferences.
    static let users = Migration(version: 1, name: "users", statements: [
        """
        CREATE TABLE users (
            id uuid PRIMARY KEY,
            email text NOT NULL,
            password_hash text NOT NULL,
            name text NOT NULL,
            phone text,
            shipping_address jsonb,
            roles text[] NOT NULL DEFAULT ARRAY['customer'],
            disabled boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            deleted_at timestamptz)
        """,
        "CREATE UNIQUE INDEX users_email_key ON users (lower(email))",
        "CREATE INDEX users_created_id ON users (created_at, id)",
        """
        CREATE TABLE user_preferences (
            user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            locale text NOT NULL,
            currency text NOT NULL,
            notify_email boolean NOT NULL,
            notify_sms boolean NOT NULL,
            notify_push boolean NOT NULL,
            marketing_opt_in boolean NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now())
        """,
    ])

    /// Refresh-token families and their tokens (only SHA-256 hashes are stored).
    static let refreshTokens = Migration(version: 2, name: "refresh_tokens", statements: [
        """
        CREATE TABLE refresh_token_families (
            id uuid PRIMARY KEY,
            user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz)
        """,
        "CREATE INDEX refresh_token_families_user ON refresh_token_families (user_id)",
        """
        CREATE TABLE refresh_tokens (
            token_hash text PRIMARY KEY,
            family_id uuid NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL,
            rotated_at timestamptz)
        """,
        "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
    ])

    /// Failed logins, shared by replicas for throttling.
    static let loginFailures = Migration(version: 3, name: "login_failures", statements: [
        """
        CREATE TABLE login_failures (
            id bigserial PRIMARY KEY,
            account text NOT NULL,
            client_address text NOT NULL,
            failed_at timestamptz NOT NULL DEFAULT now())
        """,
        "CREATE INDEX login_failures_account ON login_failures (account, failed_at DESC)",
        "CREATE INDEX login_failures_address ON login_failures (client_address, failed_at DESC)",
    ])

    /// Token signing keys; private keys sealed with the key-encryption key.
    static let signingKeys = Migration(version: 4, name: "signing_keys", statements: [
        """
        CREATE TABLE signing_keys (
            kid text PRIMARY KEY,
            public_key bytea NOT NULL,
            sealed_private_key bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp())
        """,
    ])
}

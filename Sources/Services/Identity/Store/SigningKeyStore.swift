import Crypto
import Foundation
import MercatoCore

/// A signing key as stored: public key in the clear, private key sealed.
struct StoredSigningKey: Sendable {
    var kid: String
    var publicKey: Curve25519.Signing.PublicKey
    var sealedPrivateKey: Data
    var createdAt: Int64

    var lifetime: SigningKeyLifetime { SigningKeyLifetime(kid: kid, createdAt: createdAt) }
}

/// SQL for signing keys. Creation holds a transaction-scoped advisory lock, so replicas starting
/// together (or a rotation racing a start) never create two keys at once.
struct SigningKeyStore: Sendable {
    let database: Database
    let cipher: SigningKeyCipher

    private static let lockName = "mercato.identity.signing_keys"

    /// Every stored key, plus the database's now (seconds since the epoch).
    func all() async throws -> (keys: [StoredSigningKey], now: Int64) {
        let rows = try await database.query("""
            SELECT kid, public_key, sealed_private_key, extract(epoch FROM created_at)::bigint, extract(epoch FROM now())::bigint
            FROM signing_keys
            """)
        var keys: [StoredSigningKey] = []
        var now = Int64(Date().timeIntervalSince1970)
        for row in rows {
            let (kid, publicKey, sealed, createdAt, dbNow) = try row.decode((String, Data, Data, Int64, Int64).self)
            keys.append(StoredSigningKey(kid: kid, publicKey: try Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
                                         sealedPrivateKey: sealed, createdAt: createdAt))
            now = dbNow
        }
        return (keys, now)
    }

    /// Creates a key when none exists; returns the new kid, or nil when one was already there.
    func ensureKey() async throws -> String? {
        try await database.withTransaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName)))")
            let count = try await connection.run("SELECT count(*)::int FROM signing_keys")[0].decode(Int.self)
            guard count == 0 else { return nil }
            return try await insertNewKey(on: connection)
        }
    }

    /// Adds a new key, which becomes the active one; returns its kid.
    func addKey() async throws -> String {
        try await database.withTransaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName)))")
            return try await insertNewKey(on: connection)
        }
    }

    /// The private key of a stored key.
    func privateKey(of key: StoredSigningKey) throws -> Curve25519.Signing.PrivateKey {
        try cipher.open(key.sealedPrivateKey, kid: key.kid)
    }

    private func insertNewKey(on connection: DatabaseConnection) async throws -> String {
        let privateKey = Curve25519.Signing.PrivateKey()
        let kid = Self.newKeyID()
        let sealed = try cipher.seal(privateKey, kid: kid)
        let publicKey = privateKey.publicKey.rawRepresentation
        // clock_timestamp() and the greatest() keep creation times strictly increasing even within one second.
        try await connection.run("""
            INSERT INTO signing_keys (kid, public_key, sealed_private_key, created_at)
            VALUES (\(kid), \(publicKey), \(sealed),
                    greatest(clock_timestamp(), (SELECT max(created_at) + interval '1 second' FROM signing_keys)))
            """)
        return kid
    }

    /// A kid: 96 random bits, base64url.
    static func newKeyID() -> String {
        Base64URL.encode((0..<12).map { _ in UInt8.random(in: .min ... .max) })
    }
}

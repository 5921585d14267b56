import Foundation
import MercatoCore
import PostgresNIO

/// What became of an attempt to claim an `Idempotency-Key`.
enum IdempotencyClaim: Sendable, Equatable {
    /// The key is ours: place the order, then complete or release the claim.
    case claimed
    /// The key was used for this same request: answer with its stored response.
    case replay(status: Int, body: String)
    /// The key is in use by a placement still in flight.
    case inFlight
    /// The key was used for a different request.
    case mismatch
}

/// The `idempotency_keys` table: per customer and key, the request fingerprint and the first response.
struct IdempotencyStore: Sendable {
    let database: Database
    /// Seconds after which an unfinished claim is abandoned and may be taken over.
    let lease: Double

    /// Claims `key` of `customer` for a request with `fingerprint`, or says why not.
    func claim(customer: UUID, key: String, fingerprint: String) async throws -> IdempotencyClaim {
        // A claim released between the insert and the read is simply tried again.
        for _ in 0..<3 {
            let inserted = try await database.query("""
                INSERT INTO idempotency_keys AS k (customer_id, key, fingerprint) VALUES (\(customer), \(key), \(fingerprint))
                ON CONFLICT (customer_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, created_at = clock_timestamp()
                    WHERE k.response_status IS NULL AND k.created_at < clock_timestamp() - \(lease) * interval '1 second'
                RETURNING 1
                """)
            if !inserted.isEmpty { return .claimed }
            let rows = try await database.query("""
                SELECT fingerprint, response_status, response_body FROM idempotency_keys WHERE customer_id = \(customer) AND key = \(key)
                """)
            guard let row = rows.first else { continue }
            let (stored, status, body) = try row.decode((String, Int?, String?).self)
            if stored != fingerprint { return .mismatch }
            guard let status, let body else { return .inFlight }
            return .replay(status: status, body: body)
        }
        return .inFlight
    }

    /// Gives up an unfinished claim (the placement failed and stored nothing), so the key can be used again.
    func release(customer: UUID, key: String, fingerprint: String) async throws {
        try await database.query("""
            DELETE FROM idempotency_keys
            WHERE customer_id = \(customer) AND key = \(key) AND fingerprint = \(fingerprint) AND response_status IS NULL
            """)
    }

    /// Stores the response of a claimed key in the placement's transaction; 409 when the claim was lost meanwhile.
    static func complete(customer: UUID, key: String, fingerprint: String, status: Int, body: String, orderID: UUID,
                         on connection: DatabaseConnection) async throws {
        let rows = try await connection.run("""
            UPDATE idempotency_keys SET response_status = \(status), response_body = \(body), order_id = \(orderID)
            WHERE customer_id = \(customer) AND key = \(key) AND fingerprint = \(fingerprint) AND response_status IS NULL
            RETURNING 1
            """)
        guard !rows.isEmpty else { throw Problem.conflict("Another request with this Idempotency-Key is in progress.") }
    }
}

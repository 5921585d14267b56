import Foundation
import MercatoCore

/// SQL for refresh-token families. Rotation locks the presented token's row, so two concurrent
/// uses of one token cannot both succeed: the second sees it rotated and revokes the family.
struct RefreshTokenStore: Sendable {
    /// The result of presenting a refresh token.
    enum Exchange: Sendable {
        /// The token was valid; here is its successor and the user it belongs to.
        case rotated(RefreshToken, User)
        /// The token was refused (and, on reuse, its family revoked).
        case refused
    }

    let database: Database
    let lifetimeSeconds: Int

    /// Starts a new family for `userID` and returns its first token.
    func startFamily(userID: UUID) async throws -> RefreshToken {
        let family = UUID()
        let token = RefreshToken.generate()
        try await database.withTransaction { connection in
            try await connection.run("INSERT INTO refresh_token_families (id, user_id) VALUES (\(family), \(userID))")
            try await insert(token, family: family, on: connection)
        }
        return token
    }

    /// Exchanges `presented` for a successor, applying `RefreshTokenFamily`'s rules.
    func exchange(_ presented: String) async throws -> Exchange {
        let hash = RefreshToken.hash(presented)
        return try await database.withTransaction { connection in
            let rows = try await connection.run("""
                SELECT t.family_id, t.rotated_at IS NOT NULL, f.revoked_at IS NOT NULL,
                       extract(epoch FROM t.expires_at)::bigint, extract(epoch FROM now())::bigint, f.user_id
                FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
                WHERE t.token_hash = \(hash) FOR UPDATE OF t
                """)
            guard let row = rows.first else { return .refused }
            let (family, rotated, revoked, expiresAt, now, userID) = try row.decode((UUID, Bool, Bool, Int64, Int64, UUID).self)
            let user = try await UserStore.lock(id: userID, on: connection)
            let state = RefreshTokenState(isRotated: rotated, isRevoked: revoked, expiresAt: expiresAt,
                                          userActive: user?.isActive ?? false)
            switch RefreshTokenFamily.outcome(for: state, now: now) {
            case .reject:
                return .refused
            case .revokeFamily:
                try await connection.run("UPDATE refresh_token_families SET revoked_at = now() WHERE id = \(family) AND revoked_at IS NULL")
                return .refused
            case .rotate:
                guard let user else { return .refused }
                try await connection.run("UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = \(hash) AND rotated_at IS NULL")
                let successor = RefreshToken.generate()
                try await insert(successor, family: family, on: connection)
                return .rotated(successor, user)
            }
        }
    }

    /// Revokes the family of `presented`; true when a live family was revoked.
    @discardableResult
    func revokeFamily(of presented: String) async throws -> Bool {
        let rows = try await database.query("""
            UPDATE refresh_token_families SET revoked_at = now()
            WHERE id = (SELECT family_id FROM refresh_tokens WHERE token_hash = \(RefreshToken.hash(presented)))
              AND revoked_at IS NULL RETURNING id
            """)
        return !rows.isEmpty
    }

    /// Revokes every family of a user (inside the caller's transaction).
    static func revokeAll(userID: UUID, on connection: DatabaseConnection) async throws {
        try await connection.run("UPDATE refresh_token_families SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL")
    }

    private func insert(_ token: RefreshToken, family: UUID, on connection: DatabaseConnection) async throws {
        try await connection.run("""
            INSERT INTO refresh_tokens (token_hash, family_id, expires_at)
            VALUES (\(token.hash), \(family), now() + make_interval(secs => \(Double(lifetimeSeconds))))
            """)
    }
}

import Foundation
import MercatoCore
import PostgresNIO

/// SQL for users.
struct UserStore: Sendable {
    let database: Database

    static let columns = """
        id, email, password_hash, name, phone, shipping_address::text, roles, disabled, created_at, updated_at, deleted_at
        """

    /// Inserts a user and its `user-registered` event; 409 when the e-mail is taken.
    func create(email: String, passwordHash: String, name: String, roles: [Role]) async throws -> User {
        let id = UUID()
        let roleNames = roles.map(\.rawValue)
        do {
            return try await database.withTransaction { connection in
                let rows = try await connection.run("""
                    INSERT INTO users (id, email, password_hash, name, roles) VALUES (\(id), \(email), \(passwordHash), \(name), \(roleNames))
                    RETURNING \(unescaped: Self.columns)
                    """)
                let user = try Self.user(from: rows[0])
                try await IdentityEvents.registered(user, on: connection)
                return user
            }
        } catch where DatabaseError.isUniqueViolation(error, constraint: "users_email_key") {
            throw Problem.conflict("An account with this e-mail address already exists.")
        }
    }

    /// The user with the normalized `email`, deleted or not.
    func find(email: String) async throws -> User? {
        try await database.query("SELECT \(unescaped: Self.columns) FROM users WHERE lower(email) = \(email)")
            .first.map(Self.user(from:))
    }

    /// The user with `id`.
    func find(id: UUID) async throws -> User? {
        try await database.query("SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id)").first.map(Self.user(from:))
    }

    /// Locks and reads a user inside a transaction.
    static func lock(id: UUID, on connection: DatabaseConnection) async throws -> User? {
        try await connection.run("SELECT \(unescaped: columns) FROM users WHERE id = \(id) FOR UPDATE").first.map(user(from:))
    }

    /// Writes every mutable column of `user` inside a transaction, with its `user-updated` event, and returns the stored row.
    static func save(_ user: User, on connection: DatabaseConnection) async throws -> User {
        // `user` shadows the decoder below, hence `Self.user(from:)`.
        let address = try user.shippingAddress.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let roleNames = user.roles.map(\.rawValue)
        let rows = try await connection.run("""
            UPDATE users SET email = \(user.email), name = \(user.name), phone = \(user.phone),
                shipping_address = \(address)::jsonb, roles = \(roleNames), disabled = \(user.disabled),
                deleted_at = \(user.deletedAt), updated_at = now()
            WHERE id = \(user.id) RETURNING \(unescaped: columns)
            """)
        let saved = try Self.user(from: rows[0])
        try await IdentityEvents.updated(saved, preferences: nil, on: connection)
        return saved
    }

    /// Decodes a row selected with `columns`.
    static func user(from row: PostgresRow) throws -> User {
        let (id, email, hash, name, phone, address, roles, disabled, created, updated, deleted) = try row.decode(
            (UUID, String, String, String, String?, String?, [String], Bool, Date, Date, Date?).self)
        return User(
            id: id, email: email, passwordHash: hash, name: name, phone: phone,
            shippingAddress: try address.map { try JSONDecoder().decode(ShippingAddress.self, from: Data($0.utf8)) },
            roles: roles.compactMap(Role.init(rawValue:)), disabled: disabled,
            createdAt: created, updatedAt: updated, deletedAt: deleted)
    }
}

extension UserStore {
    /// Soft-deletes a user: personal data cleared, e-mail replaced by a tombstone, password unusable, preferences dropped.
    static func anonymize(id: UUID, on connection: DatabaseConnection) async throws {
        let tombstone = EmailAddress.tombstone(userID: id.uuidString.lowercased())
        try await connection.run("""
            UPDATE users SET email = \(tombstone), name = '', phone = NULL, shipping_address = NULL,
                password_hash = '!', deleted_at = now(), updated_at = now()
            WHERE id = \(id)
            """)
        try await connection.run("DELETE FROM user_preferences WHERE user_id = \(id)")
        try await IdentityEvents.deleted(userID: id, on: connection)
    }
}

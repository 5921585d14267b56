import Logging
import PostgresNIO

/// Applies a service's migrations in order, each in its own transaction, recording them in
/// `schema_migrations`. A PostgreSQL advisory lock serialises replicas starting at once.
public struct MigrationRunner: Sendable {
    /// Raised when the database disagrees with the code's migrations.
    public struct Mismatch: Error, CustomStringConvertible {
        /// What differs.
        public var description: String
    }

    private let database: Database
    private let service: String
    private let migrations: [Migration]

    /// A runner for `service`'s `migrations` (sorted by version here).
    public init(database: Database, service: String, migrations: [Migration]) {
        self.database = database
        self.service = service
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies the pending migrations; returns the versions applied now.
    @discardableResult
    public func run() async throws -> [Int] {
        let lockKey = "mercato.migrations.\(service)"
        return try await database.withConnection(holdingIndefinitely: true) { connection in
            // Waiting for another replica's migrations must not count against the statement timeout.
            try await connection.run("SET statement_timeout = 0")
            try await connection.run("SELECT pg_advisory_lock(hashtext(\(lockKey)))")
            try await connection.run("RESET statement_timeout")
            do {
                let applied = try await apply(on: connection)
                try await connection.run("SELECT pg_advisory_unlock(hashtext(\(lockKey)))")
                return applied
            } catch {
                _ = try? await connection.run("SELECT pg_advisory_unlock(hashtext(\(lockKey)))")
                throw error
            }
        }
    }

    private func apply(on connection: DatabaseConnection) async throws -> [Int] {
        try await connection.run("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
        var existing: [Int: String] = [:]
        for row in try await connection.run("SELECT version, checksum FROM schema_migrations") {
            let (version, checksum) = try row.decode((Int, String).self)
            existing[version] = checksum
        }
        var appliedNow: [Int] = []
        for migration in migrations {
            if let checksum = existing[migration.version] {
                guard checksum == migration.checksum else {
                    throw Mismatch(description: "migration \(migration.version) (\(migration.name)) was changed after it was applied")
                }
                continue
            }
            try await connection.run("BEGIN")
            do {
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement))
                }
                try await connection.run(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))")
                try await connection.run("COMMIT")
            } catch {
                _ = try? await connection.run("ROLLBACK")
                throw error
            }
            database.logger.info("migration applied", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    /// True when every migration is recorded as applied (for readiness).
    public func isCurrent() async throws -> Bool {
        let rows = try await database.query("SELECT count(*)::int FROM schema_migrations")
        guard let row = rows.first else { return false }
        return try row.decode(Int.self) >= migrations.count
    }
}

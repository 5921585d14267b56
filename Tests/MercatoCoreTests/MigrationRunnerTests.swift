import Logging
import MercatoCore
import MercatoTestSupport
import PostgresNIO
import ServiceLifecycle
import Testing

/// Migrations against a real PostgreSQL: ordered, recorded, idempotent, race-free, tamper-evident.
@Suite struct MigrationRunnerTests {
    let migrations = [
        Migration(version: 2, name: "add_price", statements: ["ALTER TABLE things ADD COLUMN price integer NOT NULL DEFAULT 0"]),
        Migration(version: 1, name: "create_things", statements: [
            "CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL)",
            "CREATE INDEX things_name ON things (name)",
        ]),
    ]

    func withDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
        let config = try await TestPostgres.freshDatabase(prefix: "migrations")
        let database = Database(config: config, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            try await body(database)
            group.cancelAll()
        }
    }

    @Test func appliesInOrderOnceAndRecordsVersions() async throws {
        try await withDatabase { database in
            let runner = MigrationRunner(database: database, service: "test", migrations: migrations)
            #expect(try await runner.run() == [1, 2])
            #expect(try await runner.run() == [])
            #expect(try await runner.isCurrent())
            let rows = try await database.query("SELECT version FROM schema_migrations ORDER BY version")
            #expect(try rows.map { try $0.decode(Int.self) } == [1, 2])
            try await database.query("INSERT INTO things (name, price) VALUES ('a', 5)")
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        try await withDatabase { database in
            let runner = MigrationRunner(database: database, service: "test", migrations: migrations)
            let applied: [Int]
            do {
                applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for _ in 0..<4 { group.addTask { try await runner.run() } }
                    var all: [Int] = []
                    for try await versions in group { all += versions }
                    return all
                }
            } catch {
                Issue.record("concurrent migration failed: \(String(reflecting: error))")
                return
            }
            #expect(applied.sorted() == [1, 2])
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withDatabase { database in
            let broken = migrations + [Migration(version: 3, name: "broken", statements: [
                "CREATE TABLE half_done (id int)", "THIS IS NOT SQL",
            ])]
            let runner = MigrationRunner(database: database, service: "test", migrations: broken)
            await #expect(throws: (any Error).self) { try await runner.run() }
            let tables = try await database.query("SELECT count(*)::int FROM pg_tables WHERE tablename = 'half_done'")
            #expect(try tables.first?.decode(Int.self) == 0)
            let versions = try await database.query("SELECT count(*)::int FROM schema_migrations")
            #expect(try versions.first?.decode(Int.self) == 2)
        }
    }

    @Test func anEditedAppliedMigrationIsRefused() async throws {
        try await withDatabase { database in
            try await MigrationRunner(database: database, service: "test", migrations: migrations).run()
            var edited = migrations
            edited[1].statements[1] = "CREATE INDEX things_name2 ON things (name)"
            await #expect(throws: MigrationRunner.Mismatch.self) {
                try await MigrationRunner(database: database, service: "test", migrations: edited).run()
            }
        }
    }

    @Test func transactionsRollBackOnThrow() async throws {
        try await withDatabase { database in
            try await MigrationRunner(database: database, service: "test", migrations: migrations).run()
            await #expect(throws: Problem.self) {
                try await database.withTransaction { connection in
                    try await connection.run("INSERT INTO things (name) VALUES ('ghost')")
                    throw Problem.conflict("no")
                }
            }
            let count = try await database.query("SELECT count(*)::int FROM things")
            #expect(try count.first?.decode(Int.self) == 0)
        }
    }
}

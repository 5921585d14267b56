import Logging
import MercatoCore

extension TestPostgres {
    /// A fresh database with `migrations` applied, its pool running for the duration of `body`.
    public static func withMigratedDatabase(prefix: String, migrations: [Migration], _ body: @Sendable (Database) async throws -> Void)
        async throws
    {
        let config = try await freshDatabase(prefix: prefix)
        var logger = Logger(label: "test.\(prefix)")
        logger.logLevel = .warning
        let database = Database(config: config, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            try await MigrationRunner(database: database, service: prefix, migrations: migrations).run()
            try await body(database)
            group.cancelAll()
        }
    }
}

import Foundation
import Logging
import Metrics
import PostgresNIO
import Tracing

/// A service's PostgreSQL database: the connection pool plus spans and metrics for every statement.
///
/// The pool is a `Service`: put `client` in the service group so it runs.
public struct Database: Sendable {
    /// The postgres-nio pool.
    public let client: PostgresClient
    /// Logger for statements.
    public let logger: Logger
    let instruments: DatabaseInstruments

    /// A database reached with `config`.
    public init(config: PostgresConfig, logger: Logger) {
        self.client = PostgresClient(configuration: config.clientConfiguration, backgroundLogger: logger)
        self.logger = logger
        self.instruments = DatabaseInstruments(database: config.database, poolSize: config.poolSize)
    }

    /// Runs one statement on a pooled connection and returns all its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection in try await connection.run(query) }
    }

    /// Runs a prepared statement (parsed and planned once per connection) and returns its rows.
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await withConnection { connection in try await connection.execute(statement) }
    }

    /// Lends a pooled connection to `body`; the in-use gauge counts it meanwhile.
    public func withConnection<T: Sendable>(_ body: (DatabaseConnection) async throws -> T) async throws -> T {
        instruments.inUse.increment()
        defer { instruments.inUse.decrement() }
        return try await client.withConnection { connection in
            try await body(DatabaseConnection(connection: connection, logger: logger, instruments: instruments))
        }
    }

    /// Runs `body` in a transaction (BEGIN … COMMIT, ROLLBACK on a throw). An error thrown by
    /// `body` comes out unwrapped, so a `Problem` thrown inside still reaches the client.
    public func withTransaction<T: Sendable>(_ body: (DatabaseConnection) async throws -> T) async throws -> T {
        try await withSpan("db.transaction", ofKind: .client) { span in
            span.attributes["db.system"] = "postgresql"
            do {
                return try await withConnection { connection in
                    try await connection.run("BEGIN")
                    do {
                        let result = try await body(connection)
                        try await connection.run("COMMIT")
                        return result
                    } catch {
                        _ = try? await connection.run("ROLLBACK")
                        throw error
                    }
                }
            }
        }
    }

    /// `SELECT 1`, for readiness.
    public func ping() async throws {
        try await query("SELECT 1")
    }
}

/// A connection lent by `Database`, running statements with spans and metrics.
public struct DatabaseConnection: Sendable {
    /// The underlying connection.
    public let connection: PostgresConnection
    let logger: Logger
    let instruments: DatabaseInstruments

    /// Runs one statement and returns all its rows.
    @discardableResult
    public func run(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.run(query, logger: logger, instruments: instruments)
    }
}

extension DatabaseConnection {
    /// Runs a prepared statement on this connection and returns its rows.
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await instruments.measure(sql: Statement.sql) {
            var collected: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { collected.append(row) }
            return collected
        }
    }
}

extension PostgresConnection {
    func run(_ query: PostgresQuery, logger: Logger, instruments: DatabaseInstruments) async throws -> [PostgresRow] {
        try await instruments.measure(sql: query.sql) {
            var collected: [PostgresRow] = []
            for try await row in try await self.query(query, logger: logger) { collected.append(row) }
            return collected
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}

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

/// The metrics of one database: statement latency and errors by operation, pool use.
struct DatabaseInstruments: Sendable {
    let database: String
    let inUse: Meter
    let maxConnections: Gauge

    init(database: String, poolSize: Int) {
        self.database = database
        self.inUse = Meter(label: "db_pool_connections_in_use", dimensions: [("db", database)])
        self.maxConnections = Gauge(label: "db_pool_connections_max", dimensions: [("db", database)])
        maxConnections.record(poolSize)
    }

    /// Runs one statement inside a client span, recording its latency and any error.
    func measure<T>(sql: String, _ body: () async throws -> T) async throws -> T {
        let operation = Self.operation(of: sql)
        return try await withSpan("db.\(operation)", ofKind: .client) { span in
            span.attributes["db.system"] = "postgresql"
            span.attributes["db.operation"] = operation
            span.attributes["db.statement"] = String(sql.prefix(512))
            let started = ContinuousClock.now
            defer { duration(operation).recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
            do {
                return try await body()
            } catch {
                errors(operation).increment()
                span.recordError(error)
                throw error
            }
        }
    }

    func duration(_ operation: String) -> Timer {
        Timer(label: "db_query_duration_seconds", dimensions: [("db", database), ("operation", operation)], preferredDisplayUnit: .seconds)
    }

    func errors(_ operation: String) -> Counter {
        Counter(label: "db_query_errors_total", dimensions: [("db", database), ("operation", operation)])
    }

    /// The statement's first keyword, lowercased (`select`, `insert`, …), for low-cardinality labels.
    static func operation(of sql: String) -> String {
        let keyword = sql.drop { $0 == " " || $0 == "\n" || $0 == "(" }.prefix { $0.isLetter }.lowercased()
        switch keyword {
        case "select", "insert", "update", "delete", "with", "begin", "commit", "rollback", "create", "alter", "drop": return keyword
        default: return "other"
        }
    }
}

import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Tracing

/// A service's PostgreSQL database: the connection pool plus spans and metrics for every statement.
///
/// It is a `Service`: put it in the service group so its pool runs (and is replaced when it stops serving, see
/// `DatabasePool`).
public struct Database: Sendable, Service {
    private let pool: DatabasePool
    /// Logger for statements.
    public let logger: Logger
    let instruments: DatabaseInstruments

    /// How long a caller waits for a pooled connection.
    public var leaseTimeout: Duration { pool.leaseTimeout }
    /// How long one unit of work (a statement, a transaction) may hold its connection before it is closed under it.
    public var holdTimeout: Duration { pool.holdTimeout }
    /// The postgres-nio pool in use now (a new one after a replacement).
    public var client: PostgresClient { pool.client }

    /// A database reached with `config`.
    public init(config: PostgresConfig, logger: Logger) {
        self.pool = DatabasePool(config: config, logger: logger)
        self.logger = logger
        self.instruments = DatabaseInstruments(database: config.database, poolSize: config.poolSize)
    }

    /// Runs the pool until cancelled or graceful shutdown.
    public func run() async {
        await pool.supervise()
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
    ///
    /// Both waits are bounded: no connection within `leaseTimeout` throws `DatabaseUnavailable(.leaseTimedOut)`, and
    /// a statement of `body` not answered `holdTimeout` after the lease (unless `holdingIndefinitely`, for `LISTEN` and
    /// migrations) throws `DatabaseUnavailable(.holdTimedOut)` and the connection is closed — a server that stops
    /// answering cannot hold a caller.
    /// Errors that mean the server or the connection is gone come out as `DatabaseUnavailable` too.
    public func withConnection<T: Sendable>(holdingIndefinitely: Bool = false,
                                            _ body: (DatabaseConnection) async throws -> T) async throws -> T {
        instruments.inUse.increment()
        defer { instruments.inUse.decrement() }
        let hold = holdingIndefinitely ? nil : holdTimeout
        do {
            return try await pool.withConnection(holdTimeout: hold) { connection, deadline in
                try await body(DatabaseConnection(connection: connection, logger: logger, instruments: instruments, deadline: deadline))
            }
        } catch {
            if let unavailable = DatabaseUnavailable.classify(error) { throw unavailable }
            throw error
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
    let deadline: HoldDeadline?

    /// Runs one statement and returns all its rows.
    @discardableResult
    public func run(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await instruments.measure(sql: query.sql) {
            try await bounded { [connection, logger] in
                var collected: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: logger) { collected.append(row) }
                return collected
            }
        }
    }

    /// `statement` within the hold deadline, if there is one.
    func bounded<T: Sendable>(_ statement: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let deadline else { return try await statement() }
        return try await deadline.bound(statement)
    }
}

extension DatabaseConnection {
    /// Runs a prepared statement on this connection and returns its rows.
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await instruments.measure(sql: Statement.sql) {
            try await bounded { [connection, logger] in
                var collected: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { collected.append(row) }
                return collected
            }
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}

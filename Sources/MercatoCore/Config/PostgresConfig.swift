import Configuration
import PostgresNIO

/// How a service reaches its own PostgreSQL database.
///
/// Keys (under `postgres.`): `host` (default `127.0.0.1`), `port` (default 5432),
/// `socket` (path of the server's Unix-domain socket file, e.g. `/var/run/postgresql/.s.PGSQL.5432`; when set it is
/// used instead of `host`/`port`: a local server answers over it with a shorter round trip than over loopback TCP),
/// `user` (default: the service name), `password` (secret, default empty),
/// `database` (default: the service name), `poolSize` (most connections, default 6),
/// `minConnections` (connections kept open while idle, 0 or 1, default 1; a larger value counts as 1: see below), `keepAlive` (double
/// seconds between `SELECT 1` pings on an idle connection, default 0: none),
/// `connectTimeout` (double seconds, default 5), `queryTimeout` (double seconds, default 10: the server's
/// `statement_timeout`, and its `idle_in_transaction_session_timeout`), `leaseTimeout` (double seconds a caller
/// waits for a pooled connection, default 1), `holdTimeout` (double seconds one unit of work — a statement or a whole
/// transaction — may keep its connection before it is closed under it, default 15).
///
/// Why no pings by default: postgres-nio arms a keep-alive timer each time a connection goes back to the pool and
/// cancels it when it is lent again — a timer task, a `Task.sleep` and its cancellation per statement (with the
/// idle-timeout timer of connections above the minimum, 60–100 µs of catalog CPU per product read at 16 connections,
/// docs/benchmarks.md, 2026-12-04 evening). A dead connection is still noticed: when the server closes it the pool
/// drops it, and a statement on a silently broken one fails and the pool replaces it.
///
/// Why at most one connection kept open: postgres-nio 1.33.2 traps (`precondition(minimumConcurrentConnections <=
/// stats.active)` in `createNewDemandConnectionIfPossible`) when a lease finds no idle connection after the server
/// came back from an outage: while connecting fails the pool keeps only one connection retrying and drops the others,
/// so more than one persistent connection can no longer be met (docs/operations.md, "PostgreSQL outages"). The
/// connections above the first are opened on demand and close after a minute unused.
public struct PostgresConfig: Sendable {
    /// Server host.
    public var host: String
    /// Server port.
    public var port: Int
    /// Path of the server's Unix-domain socket file; when set, connections use it instead of `host`/`port`.
    public var socket: String?
    /// Role to log in as.
    public var user: String
    /// Role password (secret).
    public var password: String
    /// Database name.
    public var database: String
    /// Maximum connections in the pool.
    public var poolSize: Int
    /// Connections kept open while idle (at most `poolSize`); those above it close after a minute unused.
    public var minConnections: Int
    /// Seconds between keep-alive pings of an idle connection; 0 for none.
    public var keepAlive: Double
    /// Seconds to wait for a connection.
    public var connectTimeout: Double
    /// Seconds a single statement may run (server-side `statement_timeout`).
    public var queryTimeout: Double
    /// Seconds a caller waits for a pooled connection before `DatabaseUnavailable(.leaseTimedOut)`.
    public var leaseTimeout: Double
    /// Seconds one unit of work may hold a connection before it is closed under it (`DatabaseUnavailable(.holdTimedOut)`).
    public var holdTimeout: Double

    /// Reads the settings for the service called `serviceName`.
    public init(reader: ConfigReader, serviceName: String) {
        let pg = reader.scoped(to: "postgres")
        self.host = pg.string(forKey: "host", default: "127.0.0.1")
        self.port = pg.int(forKey: "port", default: 5432)
        self.socket = pg.string(forKey: "socket").flatMap { $0.isEmpty ? nil : $0 }
        self.user = pg.string(forKey: "user", default: serviceName)
        self.password = pg.string(forKey: "password", isSecret: true, default: "")
        self.database = pg.string(forKey: "database", default: serviceName)
        self.poolSize = pg.int(forKey: "poolSize", default: 6)
        self.minConnections = pg.int(forKey: "minConnections", default: 1)
        self.keepAlive = pg.double(forKey: "keepAlive", default: 0)
        self.connectTimeout = pg.double(forKey: "connectTimeout", default: 5)
        self.queryTimeout = pg.double(forKey: "queryTimeout", default: 10)
        self.leaseTimeout = pg.double(forKey: "leaseTimeout", default: 1)
        self.holdTimeout = pg.double(forKey: "holdTimeout", default: 15)
    }

    /// Settings given directly, for tests: lease and hold timeouts of 60 and 120 s. The pool opens connections on demand and keeps one:
    /// hundreds of tests run at once, each with a database and pool of its own, and fixed pools would exceed the
    /// server's `max_connections` (seen: "sorry, too many clients already" with 1 000).
    public init(host: String, port: Int, socket: String? = nil, user: String, password: String, database: String, poolSize: Int = 6,
                minConnections: Int = 1) {
        self.host = host
        self.port = port
        self.socket = socket
        self.user = user
        self.password = password
        self.database = database
        self.poolSize = poolSize
        self.minConnections = minConnections
        self.keepAlive = 0
        self.connectTimeout = 5
        self.queryTimeout = 10
        // Generous: ~500 tests share two cores and one server, and a lease can wait seconds for CPU; the outage tests
        // set tight deadlines of their own.
        self.leaseTimeout = 60
        self.holdTimeout = 120
    }

    /// The postgres-nio client configuration for these settings.
    public var clientConfiguration: PostgresClient.Configuration {
        var configuration = if let socket {
            PostgresClient.Configuration(unixSocketPath: socket, username: user, password: password, database: database)
        } else {
            PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        }
        configuration.options.maximumConnections = poolSize
        configuration.options.minimumConnections = max(0, min(minConnections, poolSize, 1))
        configuration.options.keepAliveBehavior = keepAlive > 0
            ? .init(frequency: .milliseconds(Int64(keepAlive * 1000))) : nil
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", String(Int(queryTimeout * 1000))),
            ("idle_in_transaction_session_timeout", String(Int(queryTimeout * 1000))),
            ("application_name", "mercato-\(user)"),
        ]
        return configuration
    }
}

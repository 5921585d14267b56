import Foundation
import LocalCluster
import MercatoCore
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of one test's own, which the test may stop, kill and start again: the shared test server must
/// stay up for every other test. Lives in `.build/disposable-postgres/<id>` on a free port below 32768.
public struct DisposablePostgres: Sendable {
    /// The cluster.
    public let server: PostgresServer
    private let root: String

    /// Creates and starts a new cluster.
    public static func start() throws -> DisposablePostgres {
        let root = TestRabbitMQ.packageRoot + "/.build/disposable-postgres/\(UUID().uuidString.prefix(8).lowercased())"
        let port = try freePort()
        let server = PostgresServer(dataDirectory: root + "/data", port: port, binaries: try PostgresBinaries.locate(),
                                    superuserPassword: UUID().uuidString)
        try server.initializeIfNeeded(durability: .fastForTests)
        let postgres = DisposablePostgres(server: server, root: root)
        try postgres.startServer()
        return postgres
    }

    /// Settings for the superuser on `database`, with a pool of `poolSize` keeping `minConnections` open.
    public func config(poolSize: Int = 6, minConnections: Int = 1) -> PostgresConfig {
        var config = PostgresConfig(host: "127.0.0.1", port: server.port, user: server.superuser, password: server.superuserPassword,
                                    database: "postgres", poolSize: poolSize, minConnections: minConnections)
        config.leaseTimeout = 1
        config.connectTimeout = 1
        return config
    }

    /// Starts the server (again) and waits until it accepts connections.
    public func startServer() throws { try server.start(logFile: root + "/postgres.log") }

    /// Fast shutdown: sessions are terminated, the server waits for them and stops.
    public func stopServer() throws { try server.stop() }

    /// SIGKILL to the postmaster, as a crash would (see `PostgresServer.killPostmaster`).
    public func killServer() throws { try server.killPostmaster() }

    /// Starts the server after a kill: the orphaned backends may hold its shared memory for a moment, so this tries
    /// for up to ten seconds.
    public func restartAfterKill() throws {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do { return try startServer() } catch { lastError = error }
            usleep(500_000)
        }
        if let lastError { throw lastError }
    }

    /// Stops the server and deletes its files.
    public func remove() {
        try? server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    private static func freePort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            if LoopbackPort.canBind(port) { return port }
        }
        throw DisposablePostgresError()
    }
}

/// No free port could be found for a disposable server.
public struct DisposablePostgresError: Error {}

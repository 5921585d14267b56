import Foundation
import LocalCluster
import MercatoCore

/// The real PostgreSQL server integration tests use: named by `MERCATO_TEST_PG_HOST`, `_PORT`,
/// `_USER`, `_PASSWORD` (as `scripts/test` does), or else started by the tests themselves in
/// `.build/test-postgres` on port 31432. There is no skip: if no server can be had, tests fail.
public enum TestPostgres {
    /// Connection details of the superuser.
    public struct Server: Sendable {
        /// Host.
        public var host: String
        /// Port.
        public var port: Int
        /// Superuser name.
        public var user: String
        /// Superuser password.
        public var password: String
        /// The cluster when this process manages it (to run `psql`).
        var managed: PostgresServer
        /// The server's Unix-domain socket file (in its data directory; needs `MERCATO_TEST_PG_DATA` for a named server).
        public var socketPath: String? { managed.socketPath }
    }

    private static let shared = ServerHolder()

    /// The server, started on first use.
    public static func server() async throws -> Server { try await shared.server() }

    /// A new, empty database with a unique name; the returned config logs in as the superuser.
    public static func freshDatabase(prefix: String) async throws -> PostgresConfig {
        let server = try await server()
        let safePrefix = prefix.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }
        let name = "t_\(safePrefix.prefix(30))_\(UUID().uuidString.prefix(8).lowercased())"
        try await server.managed.psqlOffPool("CREATE DATABASE \(name)")
        return PostgresConfig(host: server.host, port: server.port, user: server.user, password: server.password, database: name, poolSize: 8)
    }

    /// Runs SQL as the superuser on `database`.
    @discardableResult
    public static func psql(_ sql: String, database: String = "postgres") async throws -> String {
        try await server().managed.psqlOffPool(sql, database: database)
    }
}

/// Starts or finds the server once per test process.
actor ServerHolder {
    private var cached: TestPostgres.Server?

    func server() throws -> TestPostgres.Server {
        if let cached { return cached }
        let env = ProcessInfo.processInfo.environment
        let binaries = try PostgresBinaries.locate()
        let server: TestPostgres.Server
        if let host = env["MERCATO_TEST_PG_HOST"], let port = env["MERCATO_TEST_PG_PORT"].flatMap(Int.init) {
            let password = env["MERCATO_TEST_PG_PASSWORD"] ?? ""
            let managed = PostgresServer(dataDirectory: env["MERCATO_TEST_PG_DATA"] ?? "", port: port, binaries: binaries, superuserPassword: password)
            server = .init(host: host, port: port, user: env["MERCATO_TEST_PG_USER"] ?? "postgres", password: password, managed: managed)
        } else {
            let root = Self.packageRoot() + "/.build/test-postgres"
            let secrets = SecretStore(directory: root + "/secrets")
            let password = try secrets.secret("superuser")
            let managed = PostgresServer(dataDirectory: root + "/data", port: 31432, binaries: binaries, superuserPassword: password)
            try FileLock.withLock(path: root + ".lock") {
                try managed.initializeIfNeeded(durability: .fastForTests)
                try managed.start(logFile: root + "/postgres.log")
            }
            server = .init(host: "127.0.0.1", port: 31432, user: "postgres", password: password, managed: managed)
        }
        cached = server
        return server
    }

    /// The package root, found from this file's path.
    static func packageRoot() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// An exclusive `flock` across processes (XCTest and Swift Testing run in separate processes).
enum FileLock {
    static func withLock<T>(path: String, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

import Foundation

/// A PostgreSQL server of Mercato's own: one cluster in a data directory, listening on loopback only.
///
/// When this process is root, the cluster belongs to the `postgres` OS user (initdb refuses root).
public struct PostgresServer: Sendable {
    /// How the server trades durability for speed.
    public enum Durability: Sendable {
        /// Normal settings, for running Mercato.
        case durable
        /// `fsync=off` and friends: for throwaway test clusters only.
        case fastForTests
    }

    /// Cluster data directory.
    public let dataDirectory: String
    /// TCP port on 127.0.0.1.
    public let port: Int
    /// Installed programs.
    public let binaries: PostgresBinaries
    /// Superuser name.
    public let superuser = "postgres"
    /// Superuser password (kept in the data dir's secrets).
    public let superuserPassword: String

    private var osUser: String? { geteuid() == 0 ? "postgres" : nil }
    private var runner: CommandRunner { CommandRunner(user: osUser) }

    /// A server whose cluster lives in `dataDirectory`.
    public init(dataDirectory: String, port: Int, binaries: PostgresBinaries, superuserPassword: String) {
        self.dataDirectory = dataDirectory
        self.port = port
        self.binaries = binaries
        self.superuserPassword = superuserPassword
    }

    /// The server's Unix-domain socket file (it listens in its data directory), or nil when the path is too long for
    /// a socket address (108 bytes on Linux, 104 on macOS): then only TCP reaches it.
    public var socketPath: String? {
        let path = "\(dataDirectory)/.s.PGSQL.\(port)"
        return path.utf8.count < 104 ? path : nil
    }

    /// Whether `initdb` has run in the data directory.
    public var isInitialized: Bool { FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION") }

    /// Creates the cluster on first use (UTF-8, scram-sha-256 over TCP, loopback only).
    public func initializeIfNeeded(durability: Durability) throws {
        guard !isInitialized else { return }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let parent = (dataDirectory as NSString).deletingLastPathComponent
        let passwordFile = "\(parent)/.pg-superuser-pw"
        try superuserPassword.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        defer { try? fm.removeItem(atPath: passwordFile) }
        if let osUser {
            try OwnershipFixer.prepare(directory: dataDirectory, for: osUser, alsoReadable: passwordFile)
        }
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory)
        try runner.run(binaries.path("initdb"), [
            "-D", dataDirectory, "-U", superuser, "--pwfile=\(passwordFile)", "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ], in: parent)
        var settings = """

            # Mercato: loopback only, own port and socket directory.
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(dataDirectory)'
            shared_buffers = 32MB
            log_min_messages = warning

            """
        if durability == .fastForTests {
            // Hundreds of tests run at once, each with its own database and pool.
            settings += "max_connections = 1000\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        } else {
            settings += "max_connections = 200\n"
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dataDirectory)/postgresql.conf"))
        try handle.seekToEnd()
        handle.write(Data(settings.utf8))
        try handle.close()
    }

    /// Whether the postmaster of this cluster is running.
    public var isRunning: Bool {
        guard isInitialized else { return false }
        let output = try? runner.run(binaries.path("pg_ctl"), ["-D", dataDirectory, "status"], in: "/", allowFailure: true)
        return output?.status == 0
    }

    /// Starts the server and waits until it accepts connections (no-op when already running).
    public func start(logFile: String) throws {
        guard !isRunning else { return }
        if let osUser {
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
            _ = try? CommandRunner().run("/bin/chown", [osUser, logFile])
        }
        try runner.run(binaries.path("pg_ctl"), ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", "-p \(port)", "start"], in: "/")
    }

    /// Stops the server (fast shutdown: running transactions are rolled back, then it waits).
    public func stop() throws {
        guard isRunning else { return }
        try runner.run(binaries.path("pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], in: "/")
    }

    /// Runs SQL as the superuser through `psql` and returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let client = CommandRunner(environment: ["PGPASSWORD": superuserPassword, "PGCONNECT_TIMEOUT": "10"])
        return try client.run(binaries.path("psql"), [
            "-h", "127.0.0.1", "-p", String(port), "-U", superuser, "-d", database,
            "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", sql,
        ]).text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `psql` for async callers, on a thread of its own (see `CommandRunner.runOffPool`).
    @discardableResult
    public func psqlOffPool(_ sql: String, database: String = "postgres") async throws -> String {
        let client = CommandRunner(environment: ["PGPASSWORD": superuserPassword, "PGCONNECT_TIMEOUT": "10"])
        return try await client.runOffPool(binaries.path("psql"), [
            "-h", "127.0.0.1", "-p", String(port), "-U", superuser, "-d", database,
            "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", sql,
        ]).text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Makes sure role `name` exists with `password` and owns database `name`, which no other role may connect to.
    public func ensureServiceDatabase(name: String, password: String) throws {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "service names are identifiers")
        let quotedPassword = password.replacingOccurrences(of: "'", with: "''")
        let roleExists = try psql("SELECT 1 FROM pg_roles WHERE rolname = '\(name)'") == "1"
        if roleExists {
            try psql("ALTER ROLE \(name) WITH LOGIN PASSWORD '\(quotedPassword)'")
        } else {
            try psql("CREATE ROLE \(name) WITH LOGIN PASSWORD '\(quotedPassword)'")
        }
        if try psql("SELECT 1 FROM pg_database WHERE datname = '\(name)'") != "1" {
            try psql("CREATE DATABASE \(name) OWNER \(name)")
        }
        try psql("REVOKE CONNECT ON DATABASE \(name) FROM PUBLIC")
        try psql("GRANT CONNECT ON DATABASE \(name) TO \(name)")
    }
}

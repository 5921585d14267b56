import AsyncHTTPClient
import Foundation
import LocalCluster

/// The platform on this machine: PostgreSQL plus every service, started in dependency order
/// from binaries next to `mercato`, with state under the data directory.
struct LocalStack: Sendable {
    /// Services in start order (stopped in reverse).
    static let services = ["identity", "catalog"]

    let config: StackConfig
    let binaries: PostgresBinaries
    let secrets: SecretStore

    init(config: StackConfig) throws {
        self.config = config
        self.binaries = try PostgresBinaries.locate()
        self.secrets = SecretStore(directory: config.secretsDirectory)
    }

    /// The stack's PostgreSQL server.
    func postgres() throws -> PostgresServer {
        PostgresServer(dataDirectory: config.postgresDirectory, port: config.postgresPort, binaries: binaries,
                       superuserPassword: try secrets.secret("postgres-superuser"))
    }

    /// Directory holding the service executables (the one `mercato` itself runs from).
    static var executableDirectory: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// Starts PostgreSQL, creates each service's role and database, starts the services and waits until all are ready.
    func start(progress: ProgressPrinter) async throws {
        for directory in [config.dataDirectory, config.logsDirectory, config.runDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let postgres = try postgres()
        try await progress.step("postgres", detail: "postgres://127.0.0.1:\(config.postgresPort)") {
            try postgres.initializeIfNeeded(durability: .durable)
            try postgres.start(logFile: config.logsDirectory + "/postgres.log")
            for service in Self.services {
                try postgres.ensureServiceDatabase(name: service, password: try secrets.secret("\(service)-db-password"))
            }
        }
        for service in Self.services {
            try await progress.step(service, detail: config.url(of: service)) {
                try startService(service)
                try await HealthProbe.waitUntilReady(url: config.url(of: service), pidFile: pidFile(service), timeout: .seconds(60))
            }
        }
    }

    /// Starts one service process unless its pid file names a live one.
    func startService(_ service: String) throws {
        if let pid = PidFile.read(pidFile(service)), ChildProcess.isAlive(pid) { return }
        let executable = Self.executableDirectory + "/" + service
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StackError("\(executable) not found: build it first (swift build --product \(service))")
        }
        let child = try ChildProcess.spawn(
            executable: executable, arguments: [], environment: try environment(for: service),
            logFile: config.logsDirectory + "/\(service).log")
        try PidFile.write(child.pid, to: pidFile(service))
    }

    /// The environment a service is started with: its port, database credentials and secrets.
    func environment(for service: String) throws -> [String: String] {
        var environment: [String: String] = [
            "MERCATO_HTTP_HOST": "127.0.0.1",
            "MERCATO_HTTP_PORT": String(config.servicePorts[service] ?? 0),
            "MERCATO_POSTGRES_HOST": "127.0.0.1",
            "MERCATO_POSTGRES_PORT": String(config.postgresPort),
            "MERCATO_POSTGRES_USER": service,
            "MERCATO_POSTGRES_DATABASE": service,
            "MERCATO_POSTGRES_PASSWORD": try secrets.secret("\(service)-db-password"),
            "MERCATO_DATA_DIR": config.dataDirectory,
            "MERCATO_AUTH_JWKS_URL": config.url(of: "identity") + "/.well-known/jwks.json",
            "MERCATO_LOG_FORMAT": "json",
        ]
        if service == "identity" {
            environment["MERCATO_IDENTITY_KEY_ENCRYPTION_KEY"] = try secrets.base64Key("identity-key-encryption-key")
            environment["MERCATO_ADMIN_EMAIL"] = config.adminEmail
            if let password = config.adminPassword { environment["MERCATO_ADMIN_PASSWORD"] = password }
        }
        return environment
    }

    /// Stops the services in reverse order (SIGTERM, then SIGKILL after 15 s), then PostgreSQL.
    func stop(progress: ProgressPrinter) async {
        for service in Self.services.reversed() {
            guard let pid = PidFile.read(pidFile(service)) else { continue }
            await progress.stopping(service) { await ChildProcess.stop(pid, timeout: 15) }
            try? FileManager.default.removeItem(atPath: pidFile(service))
        }
        if let postgres = try? postgres(), postgres.isRunning {
            await progress.stopping("postgres") { (try? postgres.stop()) != nil }
        }
    }

    func pidFile(_ service: String) -> String { config.runDirectory + "/\(service).pid" }
}

/// A stack operation failed; the message says what to do.
struct StackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Pid files under the run directory.
enum PidFile {
    static func read(_ path: String) -> pid_t? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    static func write(_ pid: pid_t, to path: String) throws {
        try String(pid).write(toFile: path, atomically: true, encoding: .utf8)
    }
}

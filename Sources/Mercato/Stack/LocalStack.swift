import AsyncHTTPClient
import Foundation
import LocalCluster

/// The platform on this machine: PostgreSQL, RabbitMQ, a local SMTP sink and every service, started in dependency order
/// from binaries next to `mercato`, with state under the data directory.
struct LocalStack: Sendable {
    /// Services in start order (stopped in reverse).
    static let services = ["identity", "catalog", "payments", "orders", "notifications"]

    /// Every service's audience, for the CLI's audit token (`mercato check`).
    static let auditAudiences = ["identity", "catalog", "orders", "payments", "notifications"]

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

    /// The stack's RabbitMQ node (user `mercato`, password generated into the secrets directory).
    func rabbitMQ() throws -> RabbitMQServer {
        try RabbitMQServer(dataDirectory: config.rabbitMQDirectory, ports: config.rabbitMQPorts, user: "mercato",
                           password: try secrets.secret("rabbitmq-password"))
    }

    /// The SMTP sink that receives the stack's email.
    func mailSink() -> SMTPSink { SMTPSink(dataDirectory: config.mailDirectory, port: config.mailSinkPort) }

    /// Directory holding the service executables (the one `mercato` itself runs from).
    static var executableDirectory: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// Starts PostgreSQL (creating each service's role and database), RabbitMQ and the mail sink, then the
    /// services, waiting until each is ready.
    func start(progress: ProgressPrinter) async throws {
        try await startInfrastructure(progress: progress)
        try await startServices(progress: progress)
    }

    /// Starts PostgreSQL (creating each service's role and database), RabbitMQ and the mail sink.
    func startInfrastructure(progress: ProgressPrinter) async throws {
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
        let rabbitMQ = try rabbitMQ()
        try await progress.step("rabbitmq", detail: "amqp://127.0.0.1:\(config.rabbitMQPort), management http://127.0.0.1:\(config.rabbitMQPorts.management)") {
            try await rabbitMQ.start(timeout: .seconds(120))
            try await declareEventTopology()
        }
        let sink = mailSink()
        try await progress.step("mail-sink", detail: "smtp://127.0.0.1:\(config.mailSinkPort)") {
            guard SMTPSink.isInstalled() else { throw StackError("python3-aiosmtpd is missing: run scripts/setup (or apt-get install python3-aiosmtpd)") }
            try await sink.start()
        }
    }

    /// Starts the services in order, each once the one before is ready, waiting until each is ready.
    func startServices(progress: ProgressPrinter) async throws {
        for service in Self.services {
            try await progress.step(service, detail: config.url(of: service)) {
                try startService(service)
                try await HealthProbe.waitUntilReady(url: config.url(of: service), pidFile: pidFile(service), timeout: .seconds(60))
            }
        }
    }

    /// Starts one service process unless its pid file names a live one; returns the pid of the one that runs.
    @discardableResult
    func startService(_ service: String) throws -> pid_t {
        if let pid = PidFile.read(pidFile(service)), ChildProcess.isAlive(pid) { return pid }
        let executable = Self.executableDirectory + "/" + service
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StackError("\(executable) not found: build it first (swift build --product \(service))")
        }
        let child = try ChildProcess.spawn(
            executable: executable, arguments: [], environment: try environment(for: service),
            logFile: config.logsDirectory + "/\(service).log")
        try PidFile.write(child.pid, to: pidFile(service))
        return child.pid
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
            "MERCATO_AMQP_URL": try rabbitMQ().amqpURL,
        ]
        // The services share the machine with PostgreSQL: its socket saves a third of a loopback TCP round trip.
        if let socket = try postgres().socketPath { environment["MERCATO_POSTGRES_SOCKET"] = socket }
        if service == "identity" {
            environment["MERCATO_IDENTITY_CLIENTS"] = try serviceClients().joined(separator: ",")
            environment["MERCATO_IDENTITY_KEY_ENCRYPTION_KEY"] = try secrets.base64Key("identity-key-encryption-key")
            environment["MERCATO_ADMIN_EMAIL"] = config.adminEmail
            if let password = config.adminPassword { environment["MERCATO_ADMIN_PASSWORD"] = password }
        }
        if service == "orders" {
            environment["MERCATO_SERVICE_AUTH_TOKEN_URL"] = config.url(of: "identity") + "/oauth/token"
            environment["MERCATO_SERVICE_AUTH_CLIENT_ID"] = "orders"
            environment["MERCATO_SERVICE_AUTH_CLIENT_SECRET"] = try secrets.secret("orders-client-secret")
            environment["MERCATO_SERVICE_AUTH_AUDIENCE"] = "catalog"
            environment["MERCATO_SERVICE_AUTH_SCOPE"] = "pricing"
            environment["MERCATO_ORDERS_CATALOG_URL"] = config.url(of: "catalog")
        }
        if service == "payments" {
            // The test PSP keeps its charges across payments restarts, as a real one does.
            environment["MERCATO_PAYMENTS_PROVIDER_JOURNAL"] = config.dataDirectory + "/payments-provider/journal.jsonl"
        }
        if service == "notifications" {
            environment["MERCATO_SMTP_HOST"] = "127.0.0.1"
            environment["MERCATO_SMTP_PORT"] = String(config.mailSinkPort)
        }
        // Fault injection (`mercato chaos`): settings in run/<service>.env.json win, for the next start of the service.
        if let data = FileManager.default.contents(atPath: environmentOverridesFile(service)),
           let overrides = try? JSONDecoder().decode([String: String].self, from: data) {
            environment.merge(overrides) { _, override in override }
        }
        return environment
    }

    /// Extra environment for a service's next start (`mercato chaos`), removed with `nil`.
    func setEnvironmentOverrides(_ overrides: [String: String]?, for service: String) throws {
        let path = environmentOverridesFile(service)
        guard let overrides else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        try JSONEncoder().encode(overrides).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func environmentOverridesFile(_ service: String) -> String { config.runDirectory + "/\(service).env.json" }

    /// Identity's client-credentials clients (`id:secret:audiences:scopes`): orders prices carts through catalog's
    /// internal quote endpoint; `mercato-cli` reads every service's audit endpoints for `mercato check`.
    func serviceClients() throws -> [String] {
        [
            "orders:\(try secrets.secret("orders-client-secret")):catalog:pricing",
            "\(CLIClient.id):\(try secrets.secret(CLIClient.secretName)):\(Self.auditAudiences.joined(separator: " ")):audit",
        ]
    }

    /// Stops the supervisor first, so that nothing restarts what follows; then the services in reverse order (SIGTERM,
    /// then SIGKILL after 15 s), then the mail sink, RabbitMQ and PostgreSQL.
    func stop(progress: ProgressPrinter) async {
        await stopSupervisor(progress: progress)
        for service in Self.services.reversed() {
            try? FileManager.default.removeItem(atPath: restartRecordFile(service))
            guard let pid = PidFile.read(pidFile(service)) else { continue }
            await progress.stopping(service) { await ChildProcess.stop(pid, timeout: 15) }
            try? FileManager.default.removeItem(atPath: pidFile(service))
        }
        let sink = mailSink()
        if sink.runningPID != nil {
            await progress.stopping("mail-sink") { await sink.stop(); return true }
        }
        if let rabbitMQ = try? rabbitMQ(), rabbitMQ.isRunning {
            await progress.stopping("rabbitmq") { await rabbitMQ.stop(); return !rabbitMQ.isRunning }
        }
        if let postgres = try? postgres(), postgres.isRunning {
            await progress.stopping("postgres") { (try? postgres.stop()) != nil }
        }
    }

    /// The file holding a service's pid.
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

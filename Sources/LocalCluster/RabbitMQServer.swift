import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A RabbitMQ node of Mercato's own: its config, data, logs and Erlang cookie in one directory,
/// listening on loopback only with a private epmd, so it never meets a system-wide broker.
public struct RabbitMQServer: Sendable {
    /// The ports the node uses (all on 127.0.0.1).
    public struct Ports: Sendable {
        /// AMQP listener.
        public var amqp: Int
        /// Management HTTP API.
        public var management: Int
        /// Prometheus metrics.
        public var prometheus: Int
        /// Erlang distribution (set explicitly: the default NODE_PORT+20000 fails for high ports).
        public var distribution: Int
        /// The private epmd.
        public var epmd: Int

        /// Ports for one node.
        public init(amqp: Int, management: Int, prometheus: Int, distribution: Int, epmd: Int) {
            self.amqp = amqp
            self.management = management
            self.prometheus = prometheus
            self.distribution = distribution
            self.epmd = epmd
        }
    }

    /// The programs are missing; the message names the package that installs them.
    public struct Missing: Error, CustomStringConvertible {
        /// What to install.
        public var description: String {
            #if os(macOS)
            "RabbitMQ not found. Install it with: brew install rabbitmq (or run scripts/setup)"
            #else
            "RabbitMQ not found (/usr/lib/rabbitmq/bin/rabbitmq-server). Install it with: apt-get install rabbitmq-server (Debian/Ubuntu; or run scripts/setup)"
            #endif
        }
    }

    /// The node did not come up in time; the log has the reason.
    public struct StartFailure: Error, CustomStringConvertible {
        /// What happened and where the log is.
        public var description: String
    }

    /// Directory holding config, data, logs and the cookie.
    public let dataDirectory: String
    /// The node's ports.
    public let ports: Ports
    /// Default user, created on first boot.
    public let user: String
    /// Default user's password.
    public let password: String
    /// Directory with `rabbitmq-server` and `rabbitmqctl`.
    public let binDirectory: String

    /// A node in `dataDirectory`; finds the RabbitMQ programs or throws `Missing`.
    public init(dataDirectory: String, ports: Ports, user: String = "guest", password: String = "guest",
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.dataDirectory = dataDirectory
        self.ports = ports
        self.user = user
        self.password = password
        var candidates = ["/usr/lib/rabbitmq/bin", "/opt/homebrew/opt/rabbitmq/sbin", "/usr/local/opt/rabbitmq/sbin"]
        if let explicit = environment["MERCATO_RABBITMQ_BIN"] { candidates.insert(explicit, at: 0) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/rabbitmq-server") }) else {
            throw Missing()
        }
        self.binDirectory = found
    }

    /// `amqp://user:password@127.0.0.1:port/%2F`.
    public var amqpURL: String { "amqp://\(user):\(password)@127.0.0.1:\(ports.amqp)/%2F" }
    /// The node name, unique per AMQP port so two nodes can run side by side.
    public var nodeName: String { "mercato\(ports.amqp)@localhost" }
    /// The server log (stdout/stderr of the launcher).
    public var launcherLog: String { "\(dataDirectory)/launcher.log" }
    private var launcherPIDFile: String { "\(dataDirectory)/launcher.pid" }

    /// The environment every RabbitMQ program needs to find this node (the cookie lives in HOME).
    public var environment: [String: String] {
        [
            "HOME": "\(dataDirectory)/home",
            "RABBITMQ_NODENAME": nodeName,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": String(ports.amqp),
            "RABBITMQ_DIST_PORT": String(ports.distribution),
            "ERL_EPMD_PORT": String(ports.epmd),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "RABBITMQ_CONF_ENV_FILE": "\(dataDirectory)/no-rabbitmq-env.conf",
            "RABBITMQ_CONFIG_FILE": "\(dataDirectory)/rabbitmq.conf",
            "RABBITMQ_ENABLED_PLUGINS_FILE": "\(dataDirectory)/enabled_plugins",
            "RABBITMQ_MNESIA_BASE": "\(dataDirectory)/mnesia",
            "RABBITMQ_LOG_BASE": "\(dataDirectory)/log",
            "RABBITMQ_PID_FILE": "\(dataDirectory)/rabbitmq.pid",
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        ]
    }

    /// Writes rabbitmq.conf and the enabled-plugins file (every start, so port changes apply). Queue figures in the
    /// management API are refreshed every second (the default is 5 s), so `mercato check` can tell a stalled consumer
    /// from a busy one with two readings a couple of seconds apart.
    public func writeConfiguration() throws {
        let fm = FileManager.default
        for directory in ["", "/home", "/mnesia", "/log"] {
            try fm.createDirectory(atPath: dataDirectory + directory, withIntermediateDirectories: true)
        }
        let config = """
            listeners.tcp.default = 127.0.0.1:\(ports.amqp)
            management.tcp.ip = 127.0.0.1
            management.tcp.port = \(ports.management)
            prometheus.tcp.ip = 127.0.0.1
            prometheus.tcp.port = \(ports.prometheus)
            default_user = \(user)
            default_pass = \(password)
            loopback_users = none
            collect_statistics_interval = 1000

            """
        try config.write(toFile: "\(dataDirectory)/rabbitmq.conf", atomically: true, encoding: .utf8)
        try "[rabbitmq_management,rabbitmq_prometheus].\n".write(toFile: "\(dataDirectory)/enabled_plugins", atomically: true, encoding: .utf8)
    }

    /// Whether the node answers on its AMQP and management ports.
    public var isRunning: Bool { LoopbackPort.acceptsConnections(ports.amqp) && LoopbackPort.acceptsConnections(ports.management) }

    /// Starts the node in the background and waits until it accepts AMQP and management connections.
    public func start(timeout: Duration = .seconds(60)) async throws {
        guard !isRunning else { return }
        // A node still booting (AMQP up, management not yet) must not get a second launcher: wait for it instead.
        if LoopbackPort.acceptsConnections(ports.amqp) {
            let deadline = ContinuousClock.now + timeout
            while !isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(250)) }
            if isRunning { return }
            throw StartFailure(description: "a RabbitMQ node answers on \(ports.amqp) but its management port never opened; see \(launcherLog)")
        }
        try writeConfiguration()
        // ChildProcess starts it with no blocked signals, so `stop()`'s SIGTERM reaches the VM.
        let launcher = try ChildProcess.spawn(executable: "\(binDirectory)/rabbitmq-server", arguments: [],
                                              environment: environment, logFile: launcherLog)
        try String(launcher.pid).write(toFile: launcherPIDFile, atomically: true, encoding: .utf8)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if isRunning { return }
            // The launcher exits 0 even when boot fails (e.g. a busy dist port), so its exit is a failure here.
            ChildProcess.reap(launcher.pid)
            if !ChildProcess.isAlive(launcher.pid) {
                throw StartFailure(description: "rabbitmq-server exited during boot; see \(launcherLog)")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw StartFailure(description: "RabbitMQ was not ready after \(timeout); see \(launcherLog)")
    }

    /// Stops the node: `rabbitmqctl stop` (by node name, so it works even when pid files are stale or gone), then
    /// SIGTERM to the launcher and the VM should either still run, then the private epmd.
    public func stop() async {
        if isRunning {
            _ = try? await CommandRunner(environment: environment).runOffPool("\(binDirectory)/rabbitmqctl", ["-n", nodeName, "stop"],
                                                                              allowFailure: true)
        }
        if let text = try? String(contentsOfFile: launcherPIDFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            await ChildProcess.stop(pid, timeout: 20)
            try? FileManager.default.removeItem(atPath: launcherPIDFile)
        }
        if let text = try? String(contentsOfFile: "\(dataDirectory)/rabbitmq.pid", encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            await ChildProcess.stop(pid, timeout: 10)  // The VM itself, should the launcher be gone already.
        }
        // The VM exits shortly after `rabbitmqctl stop` returns: wait until its ports are closed.
        let deadline = ContinuousClock.now + .seconds(30)
        while LoopbackPort.acceptsConnections(ports.amqp) || LoopbackPort.acceptsConnections(ports.management), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(200))
        }
        _ = try? await CommandRunner(environment: ["ERL_EPMD_PORT": String(ports.epmd)]).runOffPool("epmd", ["-kill"], allowFailure: true)
    }

    /// Runs `rabbitmqctl` against this node.
    @discardableResult
    public func rabbitmqctl(_ arguments: [String]) throws -> String {
        try CommandRunner(environment: environment).run("\(binDirectory)/rabbitmqctl", ["-n", nodeName] + arguments).text
    }
}

import AMQP
import Foundation
import LocalCluster

/// The one RabbitMQ node integration tests use: `MERCATO_TEST_AMQP_URL`, or a node the tests start
/// themselves in `.build/test-rabbitmq` on ports 31672–31676 (reused when already running; `MERCATO_TEST_RABBITMQ_PORT`
/// moves it to `.build/test-rabbitmq-<port>` on that port and the four after it).
/// Test and benchmark servers use ports below 32768: above it, an outgoing connection may hold the port (Linux's
/// ephemeral range is 32768–60999) and a broker listener then fails with eaddrinuse. There is no skip: if no broker can
/// be had, the tests fail.
public enum TestRabbitMQ {
    private static let holder = BrokerHolder()

    /// Connection settings for the broker (recovery on, short heartbeat).
    public static func configuration() async throws -> AMQPConfiguration {
        var configuration = try AMQPConfiguration(url: try await holder.url())
        configuration.heartbeat = 10
        configuration.recovery = .init(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1), maximumAttempts: 50)
        return configuration
    }

    /// The broker's `amqp://` URL.
    public static func url() async throws -> String { try await holder.url() }

    /// The managed node, when this process manages one (for `rabbitmqctl`).
    public static func server() async throws -> RabbitMQServer? {
        _ = try await holder.url()
        return await holder.managed
    }

    /// The package root, from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

actor BrokerHolder {
    private var booting: Task<RabbitMQServer, any Error>?
    private var cached: String?
    private(set) var managed: RabbitMQServer?

    /// The broker's URL; concurrent callers share one boot (the actor is re-entrant across `await`,
    /// and a second caller blocking in `flock` while the first boots would starve the executor).
    func url() async throws -> String {
        if let cached { return cached }
        if let url = ProcessInfo.processInfo.environment["MERCATO_TEST_AMQP_URL"] {
            cached = url
            return url
        }
        let task = booting ?? Task { try await Self.boot() }
        booting = task
        let server = try await task.value
        managed = server
        let url = server.amqpURL
        cached = url
        return url
    }

    private static func boot() async throws -> RabbitMQServer {
        // Another checkout's node on the default ports would be reused without its Erlang cookie (no rabbitmqctl):
        // MERCATO_TEST_RABBITMQ_PORT moves this checkout's node to five ports of its own.
        let base = ProcessInfo.processInfo.environment["MERCATO_TEST_RABBITMQ_PORT"].flatMap { Int($0) } ?? 31672
        let root = TestRabbitMQ.packageRoot + "/.build/test-rabbitmq" + (base == 31672 ? "" : "-\(base)")
        let server = try RabbitMQServer(dataDirectory: root + "/node",
                                        ports: .init(amqp: base, management: base + 1, prometheus: base + 2, distribution: base + 3, epmd: base + 4))
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // One test process boots the node; others wait on the lock, then find it running.
        // Close-on-exec: the broker we spawn must not inherit (and so hold) the lock.
        let fd = open(root + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if fd >= 0 { flock(fd, LOCK_EX) }
        defer { if fd >= 0 { flock(fd, LOCK_UN); close(fd) } }
        try await server.start()
        return server
    }
}

import Foundation
import LocalCluster

/// The RabbitMQ node a benchmark runs against: one of its own (started, or reused when already running),
/// or one named by URL. Knows the broker VM's pid when it can, for CPU accounting.
struct BenchBroker: Sendable {
    var url: String
    var pid: pid_t?
    var version: String
    /// Set when this run started the node (and so may stop it).
    var started: RabbitMQServer?

    static func start(url: String?, pid: pid_t?, dataDirectory: String, basePort: Int,
                      log: (String) -> Void) async throws -> BenchBroker {
        if let url { return BenchBroker(url: url, pid: pid, version: "(external)", started: nil) }
        let directory = dataDirectory.hasPrefix("/") ? dataDirectory : FileManager.default.currentDirectoryPath + "/" + dataDirectory
        let server = try RabbitMQServer(dataDirectory: directory, ports: .init(amqp: basePort, management: basePort + 1, prometheus: basePort + 2,
                                                                                 distribution: basePort + 3, epmd: basePort + 4))
        let reused = server.isRunning
        log(reused ? "RabbitMQ already running in \(directory): reusing it" : "Starting RabbitMQ in \(directory) on port \(basePort)…")
        try await server.start()
        let pidText = try? String(contentsOfFile: directory + "/rabbitmq.pid", encoding: .utf8)
        let version = (try? server.rabbitmqctl(["version"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        return BenchBroker(url: server.amqpURL, pid: pidText.flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
                           version: version, started: reused ? nil : server)
    }

    /// Stops the node if this run started it.
    func stop() async {
        await started?.stop()
    }
}

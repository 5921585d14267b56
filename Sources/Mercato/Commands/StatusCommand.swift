import ArgumentParser
import LocalCluster
import Foundation

/// `mercato status`: the health of every component.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each component's health.")

    @OptionGroup var options: StackOptions

    @Flag(help: "Print a JSON array: one object per component with name, url, health, pid (and managementURL for RabbitMQ; restarts, lastExit and lastRestart for services).")
    var json = false

    /// One component's state.
    struct Component: Codable {
        var name: String
        var url: String
        var health: String
        var pid: Int?
        var managementURL: String?
        /// Services only: how often the supervisor restarted it since the stack started.
        var restarts: Int?
        /// Services only: how it last exited on its own (`signal 9 (SIGKILL)`, `exit code 1`, `unknown`), if it did.
        var lastExit: String?
        /// Services only: when the supervisor last restarted it (ISO 8601).
        var lastRestart: String?
    }

    func run() async throws {
        let config = try await options.stackConfig()
        let stack = try LocalStack(config: config)
        var components: [Component] = []
        let postgres = try stack.postgres()
        components.append(Component(name: "postgres", url: "postgres://127.0.0.1:\(config.postgresPort)",
                                    health: postgres.isRunning ? "up" : "stopped", pid: nil))
        let rabbitMQ = try stack.rabbitMQ()
        components.append(Component(name: "rabbitmq", url: rabbitMQ.amqpURL, health: rabbitMQ.isRunning ? "up" : "stopped", pid: nil,
                                    managementURL: "http://127.0.0.1:\(rabbitMQ.ports.management)/"))
        let sink = stack.mailSink()
        components.append(Component(name: "mail-sink", url: "smtp://127.0.0.1:\(config.mailSinkPort)",
                                    health: sink.runningPID != nil ? "up" : "stopped", pid: sink.runningPID.map(Int.init)))
        for service in LocalStack.services {
            let pid = PidFile.read(stack.pidFile(service)).flatMap { ChildProcess.isAlive($0) ? Int($0) : nil }
            let health = pid == nil ? "stopped" : await HealthProbe.readiness(url: config.url(of: service))
            let record = stack.restartRecord(of: service)
            components.append(Component(name: service, url: config.url(of: service), health: health, pid: pid, restarts: record.restarts,
                                        lastExit: record.lastExitAt.map { _ in record.lastExit?.description ?? "unknown" },
                                        lastRestart: record.lastRestartAt?.ISO8601Format()))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(components), as: UTF8.self))
        } else {
            for component in components {
                let mark = component.health == "up" ? "✓" : "✗"
                let restarts = component.restarts.map { "restarts \($0)" } ?? ""
                let management = component.managementURL.map { "  (management \($0))" } ?? ""
                let lastExit = component.lastExit.map { "  (last exit: \($0))" } ?? ""
                print("  \(mark) \(component.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(component.health.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                      + "\(restarts.padding(toLength: 12, withPad: " ", startingAt: 0)) \(component.url)\(management)\(lastExit)")
            }
            print(stack.supervisorPID.map { "  supervisor: pid \($0) restarts a service that exits" }
                  ?? "  supervisor: not running (a service that exits stays down)")
        }
        if components.contains(where: { $0.health != "up" }) { throw ExitCode(3) }
    }
}

import AMQP
import Contracts
import Foundation
import LocalCluster
import Messaging

/// Injects a `ChaosScenario`'s fault into a running stack and heals it: the servers are the stack's own, stopped,
/// killed and started the way an operator or a crash would.
struct ChaosFault: Sendable {
    let stack: LocalStack
    let scenario: ChaosScenario

    /// How long a lasting fault (max connections, PSP latency or failures) is left in place.
    static let lasting: Duration = .seconds(20)

    /// Injects the fault; returns once it is in place.
    func inject() async throws {
        switch scenario {
        case .postgresRestart:
            try stack.postgres().stop()
        case .postgresKill:
            try stack.postgres().killPostmaster()
        case .postgresDown:
            try stack.postgres().stop()
        case .postgresMaxConnections:
            let postgres = try stack.postgres()
            // Fewer than the five services' pools, listeners and sweeps need at once.
            try postgres.psql("ALTER SYSTEM SET max_connections = 12")
            try postgres.stop()
            try postgres.start(logFile: stack.config.logsDirectory + "/postgres.log")
        case .brokerRestart:
            try await stack.rabbitMQ().stop()
        case .brokerKill:
            try killBroker()
        case .kill(let service):
            guard let pid = PidFile.read(stack.pidFile(service)) else { throw StackError("\(service) is not running") }
            kill(pid, SIGKILL)
        case .pspLatency:
            try restartPayments(with: ["MERCATO_PAYMENTS_PROVIDER_LATENCY_MS": "3000"])
        case .pspFailures:
            try restartPayments(with: ["MERCATO_PAYMENTS_PROVIDER_FAILURE_RATE": "0.5"])
        case .poison:
            try await publishPoison()
        }
    }

    /// How long the fault stays before `heal`.
    var duration: Duration {
        switch scenario {
        case .postgresDown(let seconds): .seconds(seconds)
        case .postgresMaxConnections, .pspLatency, .pspFailures: Self.lasting
        case .postgresKill, .brokerKill: .seconds(2)
        default: .zero
        }
    }

    /// Undoes the fault (a killed service is left to the supervisor).
    func heal() async throws {
        switch scenario {
        case .postgresRestart, .postgresKill, .postgresDown:
            try stack.postgres().start(logFile: stack.config.logsDirectory + "/postgres.log")
        case .postgresMaxConnections:
            let postgres = try stack.postgres()
            try postgres.psql("ALTER SYSTEM RESET max_connections")
            try postgres.stop()
            try postgres.start(logFile: stack.config.logsDirectory + "/postgres.log")
        case .brokerRestart, .brokerKill:
            try await stack.rabbitMQ().start(timeout: .seconds(120))
        case .pspLatency, .pspFailures:
            try restartPayments(with: nil)
        case .kill, .poison:
            break
        }
    }

    /// The poison messages' ids, to tell them from anything the fault dead-lettered by mistake.
    static let poisonPrefix = "chaos-poison-"

    /// SIGKILL to the broker's Erlang VM (its pid file), then waits until its port refuses.
    private func killBroker() throws {
        let rabbitMQ = try stack.rabbitMQ()
        guard let text = try? String(contentsOfFile: rabbitMQ.dataDirectory + "/rabbitmq.pid", encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw StackError("RabbitMQ is not running") }
        kill(pid, SIGKILL)
        for _ in 0..<200 where LoopbackPort.acceptsConnections(stack.config.rabbitMQPort) { usleep(50_000) }
    }

    /// Stops payments gracefully with `overrides` (nil: none) for its next start; the supervisor starts it again.
    private func restartPayments(with overrides: [String: String]?) throws {
        try stack.setEnvironmentOverrides(overrides, for: "payments")
        guard let pid = PidFile.read(stack.pidFile("payments")) else { throw StackError("payments is not running") }
        kill(pid, SIGTERM)
    }

    /// Three malformed messages into each consumer's queue: not JSON, an envelope of an unknown type, a known type with
    /// a payload that does not decode.
    private func publishPoison() async throws {
        var amqp = try AMQPConfiguration(url: try stack.rabbitMQ().amqpURL)
        amqp.recovery = nil
        let connection = try await AMQPConnection.connect(configuration: amqp)
        defer { Task { try? await connection.close() } }
        let channel = try await connection.openChannel()
        try await channel.confirmSelect()
        for service in EventBindings.byService.keys.sorted() {
            let bodies = [
                ("not json at all", "mercato.orders.order-created.v1"),
                (#"{"specversion":"1.0","id":"\#(UUID().uuidString)","type":"mercato.nobody.nothing.v1","data":{}}"#, "mercato.nobody.nothing.v1"),
                (#"{"specversion":"1.0","id":"\#(UUID().uuidString)","type":"mercato.orders.order-cancelled.v1","source":"/chaos","time":"2026-01-01T00:00:00Z","data":{"orderId":42}}"#,
                 "mercato.orders.order-cancelled.v1"),
            ]
            for (index, (body, type)) in bodies.enumerated() {
                let properties = AMQPBasicProperties(contentType: "application/cloudevents+json", deliveryMode: 2,
                                                     messageID: "\(Self.poisonPrefix)\(service)-\(index)", type: type)
                try await channel.publish(body, exchange: "", routingKey: "\(service).events", properties: properties)
            }
        }
    }
}

import AMQP
import ArgumentParser
import Foundation
import Logging
import LocalCluster
import MercatoCore

/// `mercato bench events`: end-to-end event latency through the whole backbone — producer COMMIT → outbox → relay
/// (publisher confirms) → RabbitMQ → EventConsumer (inbox, handler) — at a steady rate, with the broker's CPU.
struct BenchEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Measure event latency from the producer's commit to the consumer's handler at a steady rate.")

    @Option(help: "Events per second the producer commits (one transaction each), comma-separated for several runs.")
    var rates = "100,500"

    @Option(help: "Seconds of steady production per rate.")
    var seconds = 10.0

    @Option(help: "Use this broker instead of starting one (amqp://user:pass@host:port/vhost).")
    var amqpURL: String?

    @Option(help: "Data directory of the benchmark's own RabbitMQ node (shared with `bench amqp`).")
    var dataDir = ".build/bench-rabbitmq"

    @Option(help: "First of the five ports of the benchmark's RabbitMQ node.")
    var basePort = 31772

    @Option(help: "Data directory of the benchmark's own PostgreSQL.")
    var postgresDir = ".build/bench-events"

    @Option(help: "Port of the benchmark's own PostgreSQL.")
    var postgresPort = 31790

    func validate() throws {
        guard seconds > 0, !parsedRates.isEmpty, parsedRates.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--rates must be positive integers and --seconds positive")
        }
    }

    var parsedRates: [Int] { rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        let broker = try await BenchBroker.start(url: amqpURL, pid: nil, dataDirectory: dataDir, basePort: basePort, log: log)
        let stack = try LocalStack(config: try StackConfig(dataDirectory: postgresDir, postgresPort: postgresPort, identityPort: 0, catalogPort: 0))
        let postgres = try stack.postgres()
        try postgres.initializeIfNeeded(durability: .durable)
        try postgres.start(logFile: stack.config.dataDirectory + "/postgres.log")
        let password = try stack.secrets.secret("eventbench-db-password")
        try postgres.ensureServiceDatabase(name: "eventbench", password: password)
        var logger = Logger(label: "bench.events")
        logger.logLevel = .warning
        let database = Database(config: PostgresConfig(host: "127.0.0.1", port: postgresPort, user: "eventbench", password: password,
                                                       database: "eventbench", poolSize: 20, minConnections: 20), logger: logger)
        var amqp = try AMQPConfiguration(url: broker.url)
        amqp.heartbeat = 10
        log("Event latency: RabbitMQ \(broker.version), PostgreSQL on \(postgresPort) (durable: fsync on), \(seconds) s per rate, load \(BenchAMQPCommand.loadAverage())")
        var rows: [String] = []
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.run() }
                for rate in parsedRates {
                    log("  ▸ \(rate) events/s")
                    let cpuBefore = broker.pid.flatMap(ProcessCPU.seconds)
                    let result = try await EventLatencyRun(rate: rate, seconds: seconds).run(database: database, amqp: amqp, logger: logger)
                    var brokerCPU: Double?
                    if let before = cpuBefore, let after = broker.pid.flatMap(ProcessCPU.seconds) { brokerCPU = after - before }
                    let row = String(format: "| %d | %.0f | %d / %d | %.2f | %.2f | %.2f | %.2f | %@ |", rate, result.achievedRate,
                                     result.consumed, result.produced, result.percentile(50), result.percentile(90), result.percentile(99),
                                     result.latencies.last ?? .nan,
                                     brokerCPU.map { String(format: "%.0f %%", $0 / seconds * 100) } ?? "—")
                    rows.append(row)
                    log("  ✓ p50 \(String(format: "%.2f", result.percentile(50))) ms, p99 \(String(format: "%.2f", result.percentile(99))) ms")
                }
                group.cancelAll()
            }
        } catch {
            await broker.stop()
            throw error
        }
        await broker.stop()
        try? postgres.stop()
        print("\n| target rate /s | achieved /s | consumed / produced | p50 ms | p90 ms | p99 ms | max ms | broker CPU (% of a core) |")
        print("|---:|---:|---|---:|---:|---:|---:|---:|")
        for row in rows { print(row) }
    }

    func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

import AMQP
import ArgumentParser
import Foundation
import LocalCluster

/// `mercato bench amqp`: our AMQP client against pika and aio-pika, in one run against one broker:
/// confirmed publish, unconfirmed publish (pika), consume with prefetch, and the broker's CPU during each.
struct BenchAMQPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amqp", abstract: "Benchmark our AMQP client against pika and aio-pika on one RabbitMQ node (needs scripts/setup).")

    @Option(help: "Messages per phase (a phase also ends after --seconds).")
    var messages = 50_000

    @Option(help: "Seconds at most per phase.")
    var seconds = 10.0

    @Option(help: "Message body size in bytes.")
    var size = 1024

    @Option(help: "Our client: publishes awaiting their confirm at once.")
    var window = 1000

    @Option(help: "Our client: messages per startPublish(batch:) call.")
    var batch = 100

    @Option(help: "Our client: channels publishing at once (the window is shared); above 1, a one-channel run is added.")
    var channels = 2

    @Option(help: "aio-pika: publishes awaiting their confirm at once.")
    var aioPikaWindow = 100

    @Option(help: "Consumers' prefetch count.")
    var prefetch = 100

    @Option(help: "Consumers acknowledge with multiple=true every this many deliveries.")
    var ackEvery = 50

    @Option(help: "Use this broker instead of starting one (amqp://user:pass@host:port/vhost).")
    var amqpURL: String?

    @Option(help: "With --amqp-url: the broker's beam.smp pid, for its CPU (otherwise not measured).")
    var brokerPID: Int32?

    @Option(help: "Data directory of the benchmark's own RabbitMQ node.")
    var dataDir = ".build/bench-rabbitmq"

    @Option(help: "First of the five ports of the benchmark's node (AMQP, management, prometheus, distribution, epmd).")
    var basePort = 31772

    @Option(help: "Python with pika and aio-pika (scripts/setup makes this venv).")
    var python = ".build/tools-venv/bin/python"

    @Option(help: "The Python peers' script.")
    var peers = "scripts/bench/amqp_peers.py"

    @Flag(help: "Leave a node this command started running (the next run reuses it).")
    var keepBroker = false

    @Flag(help: "Print the samples as JSON instead of the table.")
    var json = false

    static let queue = "mercato-bench-amqp"

    var channelsNote: String { channels > 1 ? " over \(channels) channels" : "" }

    func validate() throws {
        guard messages > 0, seconds > 0, size >= 0, window > 0, batch > 0, channels > 0, prefetch > 0, ackEvery > 0 else {
            throw ValidationError("counts, sizes and seconds must be positive")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else { throw ValidationError("no \(python): run scripts/setup") }
        guard FileManager.default.fileExists(atPath: peers) else { throw ValidationError("no \(peers): run from the package root") }
    }

    func run() async throws {
        let broker = try await BenchBroker.start(url: amqpURL, pid: brokerPID, dataDirectory: dataDir, basePort: basePort, log: log)
        do {
            try await measure(broker: broker)
        } catch {
            if !keepBroker { await broker.stop() }
            throw error
        }
        if !keepBroker { await broker.stop() }
    }

    func measure(broker: BenchBroker) async throws {
        var configuration = try AMQPConfiguration(url: broker.url)
        configuration.recovery = nil
        configuration.connectionName = "mercato bench amqp"
        let connection = try await AMQPConnection.connect(configuration: configuration)
        let control = try await connection.openChannel()
        let loadBefore = Self.loadAverage()
        log("AMQP benchmark: RabbitMQ \(broker.version) at \(broker.url), \(messages) messages of \(size) B or \(seconds) s per phase, load \(loadBefore)")

        var samples: [AMQPBenchSample] = []
        func phase(_ name: String, _ client: String, prefilled: Bool = false,
                   _ body: () async throws -> BenchMeasurement) async throws {
            _ = try await control.queueDelete(Self.queue)
            _ = try await control.queueDeclare(Self.queue, durable: true)
            if prefilled {
                let fill = AMQPPublishRun(queue: Self.queue, messages: messages, seconds: .infinity, window: window, batch: batch, size: size)
                _ = try await fill.run(connection: connection, brokerPID: nil)
            }
            log("  ▸ \(name): \(client)")
            let result = try await body()
            let sample = AMQPBenchSample(phase: name, client: client, messages: result.messages, seconds: result.seconds,
                                         brokerCPUSeconds: result.brokerCPUSeconds, clientCPUSeconds: result.clientCPUSeconds)
            log("  ✓ \(String(format: "%.0f", sample.rate)) msg/s")
            samples.append(sample)
        }
        func peer(_ mode: String, extra: [String] = []) throws -> BenchMeasurement {
            try AMQPPeerRun(python: python, script: peers, mode: mode, url: broker.url, queue: Self.queue, messages: messages,
                            seconds: seconds, size: size, extra: extra).run(brokerPID: broker.pid)
        }
        let publish = AMQPPublishRun(queue: Self.queue, messages: messages, seconds: seconds, window: window, batch: batch, size: size,
                                     channels: channels)
        var oneByOne = publish
        oneByOne.batch = 1

        let confirmed = "publish, confirmed"
        try await phase(confirmed, "ours: startPublish(batch:) of \(batch), \(window) in flight\(channelsNote)") {
            try await publish.run(connection: connection, brokerPID: broker.pid)
        }
        try await phase(confirmed, "ours: startPublish one by one, \(window) in flight\(channelsNote)") {
            try await oneByOne.run(connection: connection, brokerPID: broker.pid)
        }
        if channels > 1 {
            var oneChannel = publish
            oneChannel.channels = 1
            try await phase(confirmed, "ours: startPublish(batch:) of \(batch), \(window) in flight, one channel") {
                try await oneChannel.run(connection: connection, brokerPID: broker.pid)
            }
        }
        try await phase(confirmed, "aio-pika 10.2.1, \(aioPikaWindow) in flight") {
            try peer("publish-aio-pika-confirm", extra: ["--window", String(aioPikaWindow)])
        }
        try await phase(confirmed, "pika 1.3.2 BlockingConnection, one at a time") { try peer("publish-pika-confirm") }
        try await phase("publish, unconfirmed", "pika 1.3.2 BlockingConnection") { try peer("publish-pika-unconfirmed") }
        let consume = "consume, prefetch \(prefetch), ack multiple every \(ackEvery)"
        try await phase(consume, "ours", prefilled: true) {
            try await AMQPConsumeRun(queue: Self.queue, messages: messages, seconds: seconds, prefetch: prefetch, ackEvery: ackEvery)
                .run(connection: connection, brokerPID: broker.pid)
        }
        try await phase(consume, "pika 1.3.2 BlockingConnection", prefilled: true) {
            try peer("consume-pika", extra: ["--prefetch", String(prefetch), "--ack-every", String(ackEvery)])
        }
        _ = try await control.queueDelete(Self.queue)
        try await connection.close()
        log("load average after: \(Self.loadAverage())")

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(samples), as: UTF8.self))
            return
        }
        print("\n" + AMQPBenchSample.tableHeader)
        for sample in samples { print(sample.tableRow) }
        printTargets(samples)
    }

    /// The issue's targets: ours ≥ 3× aio-pika's windowed confirms, and ≥ pika's unconfirmed rate.
    func printTargets(_ samples: [AMQPBenchSample]) {
        let aioPika = samples.first { $0.client.hasPrefix("aio-pika") }?.rate ?? 0
        let unconfirmed = samples.first { $0.phase == "publish, unconfirmed" }?.rate ?? 0
        print("\n| ratio | measured | target | met |")
        print("|---|---:|---|---|")
        for sample in samples where sample.client.hasPrefix("ours") && sample.phase.hasPrefix("publish") {
            for (peer, value, target) in [("aio-pika confirmed", aioPika, 3.0), ("pika unconfirmed", unconfirmed, 1.0)] {
                let ratio = value > 0 ? sample.rate / value : 0
                print("| \(sample.client) ÷ \(peer) | \(String(format: "%.2f×", ratio)) | ≥ \(String(format: "%.0f", target))× | \(ratio >= target ? "yes" : "no") |")
            }
        }
    }

    func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "?"
    }
}

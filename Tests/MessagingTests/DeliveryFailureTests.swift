import AMQP
import Contracts
import Foundation
import LocalCluster
import MercatoCore
import MercatoTestSupport
import Messaging
import Testing

/// The failures the event backbone must survive, with real processes and servers:
/// a relay killed with SIGKILL between publish and mark-sent, and a RabbitMQ restart during production.
@Suite(.serialized) struct DeliveryFailureTests {
    @Test(.timeLimit(.minutes(3)))
    func aRelayKilledBetweenPublishAndMarkSentRepublishesAndEffectsHappenOnce() async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "relaycrash")
        let database = Database(config: postgres, logger: TestLogger.quiet("test.relaycrash"))
        try await whileRunning([{ await database.run() }]) {
            try await createEffectsTable(database)
            // The test's consumer claims events in the inbox that catalog's own migrations create when it starts (before
            // anything is published).
            try await BrokerScope.with { scope in
                let recording = RecordingHandlers()
                try await scope.topology.declare(on: try await scope.connection.openChannel(), routingKeys: recording.handlers.routingKeys)
                let consumer = scope.consumer(recording.handlers, database: database)
                try await whileRunning([{ try await consumer.run() }]) {
                    // A catalog process whose relay pauses a minute between the confirms and marking rows sent.
                    var catalog = try CatalogProcess(postgres: postgres, amqpURL: try await TestRabbitMQ.url(), exchange: scope.config.exchange,
                                                     pauseBeforeMarkSent: 60)
                    try await catalog.start()
                    var ids: [UUID] = []
                    try await database.withTransaction { connection in
                        for index in 0..<20 {
                            ids.append(try await Outbox.enqueue(StockUpdated(productID: UUID(), delta: index + 1, reason: "restock", onHand: index + 1,
                                                                            reserved: 0, available: index + 1), subject: "p\(index)", on: connection))
                        }
                    }
                    // Published and confirmed: the consumer has applied all twenty …
                    #expect(try await eventually(seconds: 30) { try await effectCounts(database).filter { ids.contains($0.key) }.count == 20 })
                    // … while the relay has not marked a single row sent yet. Now it dies.
                    #expect(try await unsentCount(database) == 20)
                    catalog.kill()
                    #expect(try await unsentCount(database) == 20, "a killed relay marked nothing")

                    // After a restart (no pause) it publishes the same twenty again; the inbox absorbs the duplicates.
                    var restarted = try CatalogProcess(postgres: postgres, amqpURL: try await TestRabbitMQ.url(), exchange: scope.config.exchange,
                                                       pauseBeforeMarkSent: 0)
                    try await restarted.start()
                    defer { restarted.kill() }
                    #expect(try await eventually(seconds: 30) { try await unsentCount(database) == 0 })
                    let marker = try await database.withTransaction { connection in
                        try await Outbox.enqueue(StockUpdated(productID: UUID(), delta: 1, reason: "marker", onHand: 1, reserved: 0, available: 1),
                                                 subject: "marker", on: connection)
                    }
                    #expect(try await eventually(seconds: 30) { try await effectCounts(database)[marker] == 1 })
                    let counts = try await effectCounts(database)
                    #expect(ids.allSatisfy { counts[$0] == 1 }, "every event's effect exactly once")
                    #expect(recording.attempts.withLock { attempts in ids.allSatisfy { attempts[$0] == [1] } },
                            "the second copies were stopped by the inbox before reaching the handler")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func aRabbitMQRestartDuringProductionLosesNothingAndTheConsumerReconnectsByItself() async throws {
        let broker = try await RestartableBroker.start()
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            var amqp = try AMQPConfiguration(url: broker.server.amqpURL)
            amqp.heartbeat = 5
            amqp.recovery = .init(initialBackoff: .milliseconds(200), maximumBackoff: .seconds(1))
            let config = MessagingConfig(amqp: amqp, prefetch: 32, retryDelays: [0.5])
            let recording = RecordingHandlers()
            let consumer = EventConsumer(service: "restart-test", handlers: recording.handlers, database: database, config: config,
                                         logger: database.logger)
            let publisher = AMQPEventPublisher(configuration: amqp, service: "restart-test", logger: database.logger)
            let relay = OutboxRelay(database: database, publisher: publisher,
                                    config: OutboxRelayConfig(pollInterval: 0.2, retryDelay: 0.2, maxRetryDelay: 1),
                                    service: "restart-test", logger: database.logger)
            try await whileRunning([{ try await consumer.run() }, { try await relay.run() }, { try await publisher.run() }]) {
                let setup = try await AMQPConnection.connect(configuration: amqp)
                try await EventTopology(service: "restart-test", retryDelays: [0.5])
                    .declare(on: try await setup.openChannel(), routingKeys: recording.handlers.routingKeys)
                try? await setup.close()
                // Produce steadily (one committed event every 20 ms) across a broker stop and start.
                let producer = Task {
                    var produced = 0
                    while !Task.isCancelled {
                        try await enqueueStockEvents(1, on: database)
                        produced += 1
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    return produced
                }
                try await Task.sleep(for: .seconds(2))
                await broker.server.stop()
                #expect(!broker.server.isRunning)
                try await Task.sleep(for: .seconds(2))
                try await broker.server.start()
                try await Task.sleep(for: .seconds(2))
                producer.cancel()
                _ = await producer.result
                let committed = try await database.query("SELECT event_id FROM outbox").map { try $0.decode(UUID.self) }
                #expect(committed.count > 100)
                #expect(try await eventually(seconds: 90) {
                    let counts = try await effectCounts(database)
                    return committed.allSatisfy { counts[$0] != nil }
                }, "every committed event was delivered after the restart")
                let counts = try await effectCounts(database)
                #expect(committed.allSatisfy { counts[$0] == 1 }, "and applied exactly once")
            }
        }
        await broker.server.stop()
    }
}

/// Rows of the outbox not yet marked sent.
func unsentCount(_ database: Database) async throws -> Int {
    try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL").first!.decode(Int.self)
}

/// A broker of this suite's own (ports 31682–31686), so stopping it never disturbs other tests.
struct RestartableBroker {
    let server: RabbitMQServer

    static func start() async throws -> RestartableBroker {
        let root = TestRabbitMQ.packageRoot + "/.build/test-rabbitmq-restart"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try RabbitMQServer(dataDirectory: root + "/node",
                                        ports: .init(amqp: 31682, management: 31683, prometheus: 31684, distribution: 31685, epmd: 31686))
        try await server.start()
        return RestartableBroker(server: server)
    }
}

/// The `catalog` executable run as a real process against a test database and broker.
struct CatalogProcess {
    let process: ChildProcess?
    let port: Int
    let environment: [String: String]
    let logFile: String

    init(postgres: PostgresConfig, amqpURL: String, exchange: String, pauseBeforeMarkSent: Double) throws {
        port = try #require(LoopbackPort.freePort())
        logFile = TestRabbitMQ.packageRoot + "/.build/test-catalog-\(port).log"
        environment = [
            "MERCATO_HTTP_HOST": "127.0.0.1", "MERCATO_HTTP_PORT": String(port),
            "MERCATO_POSTGRES_HOST": postgres.host, "MERCATO_POSTGRES_PORT": String(postgres.port),
            "MERCATO_POSTGRES_USER": postgres.user, "MERCATO_POSTGRES_PASSWORD": postgres.password,
            "MERCATO_POSTGRES_DATABASE": postgres.database,
            "MERCATO_AMQP_URL": amqpURL, "MERCATO_EVENTS_EXCHANGE": exchange,
            "MERCATO_OUTBOX_PAUSE_BEFORE_MARK_SENT": String(pauseBeforeMarkSent),
            "MERCATO_OUTBOX_POLL_INTERVAL": "0.2", "MERCATO_LOG_FORMAT": "json",
        ]
        process = nil
    }

    private init(copying other: CatalogProcess, process: ChildProcess) {
        self.port = other.port
        self.environment = other.environment
        self.logFile = other.logFile
        self.process = process
    }

    /// Spawns it and waits for /health/ready.
    mutating func start() async throws {
        let binary = (ProcessInfo.processInfo.environment["MERCATO_BIN_DIR"] ?? TestRabbitMQ.packageRoot + "/.build/debug") + "/catalog"
        let child = try ChildProcess.spawn(executable: binary, arguments: [], environment: environment, logFile: logFile)
        self = CatalogProcess(copying: self, process: child)
        let ready = await eventually(seconds: 60) { LoopbackPort.acceptsConnections(port) }
        try #require(ready, "catalog did not start; see \(logFile)")
    }

    /// SIGKILL: no graceful anything.
    func kill() {
        guard let pid = process?.pid else { return }
        Glibc.kill(pid, SIGKILL)
        _ = process?.waitForExit()
    }
}

import AMQP
import Contracts
import Foundation
import Logging
import MercatoCore
import MercatoTestSupport
import Messaging
import NIOCore
import Synchronization

/// A consuming "service" of its own on the shared test broker: a unique name (so its queues are its own),
/// a connection for the test's direct publishes and checks, and queue cleanup at the end.
struct BrokerScope {
    let service: String
    let connection: AMQPConnection
    let config: MessagingConfig

    var topology: EventTopology { EventTopology(service: service, retryDelays: config.retryDelays, exchange: config.exchange) }

    /// Runs `body` with a fresh scope; deletes the scope's queues afterwards.
    static func with(retryDelays: [Double] = [0.2, 0.2], _ body: (BrokerScope) async throws -> Void) async throws {
        let amqp = try await TestRabbitMQ.configuration()
        let scope = BrokerScope(service: "msgtest-\(UUID().uuidString.prefix(8).lowercased())",
                                connection: try await AMQPConnection.connect(configuration: amqp),
                                config: MessagingConfig(amqp: amqp, prefetch: 16, retryDelays: retryDelays,
                                                        exchange: "msgtest.events.\(UUID().uuidString.prefix(8).lowercased())"))
        do {
            try await body(scope)
        } catch {
            await scope.cleanUp()
            throw error
        }
        await scope.cleanUp()
    }

    private func cleanUp() async {
        if let channel = try? await connection.openChannel() {
            let queues = [topology.mainQueue, topology.deadLetterQueue] + config.retryDelays.indices.map { topology.retryQueue($0 + 1) }
            for queue in queues { _ = try? await channel.queueDelete(queue) }
            try? await channel.exchangeDelete(config.exchange)
        }
        try? await connection.close()
    }

    /// Publishes `body` straight into the scope's main queue (no fan-out to other tests), confirmed.
    func publishDirect(_ body: String, type: String?, messageID: String = UUID().uuidString.lowercased(), subject: String? = nil) async throws {
        try await publishDirect([(body, subject)], type: type, messageIDs: [messageID])
    }

    /// Publishes `messages` (body and optional `x-mercato-subject` header) in order on one channel, all confirmed.
    func publishDirect(_ messages: [(body: String, subject: String?)], type: String?, messageIDs: [String]? = nil) async throws {
        let channel = try await connection.openChannel()
        try await topology.declare(on: channel, routingKeys: [])
        try await channel.confirmSelect()
        for (index, message) in messages.enumerated() {
            let headers: AMQPTable? = message.subject.map { [EventHeaders.subject: .string($0)] }
            try await channel.publish(ByteBuffer(string: message.body), exchange: "", routingKey: topology.mainQueue,
                                      properties: AMQPBasicProperties(contentType: "application/cloudevents+json", headers: headers,
                                                                      deliveryMode: 2, messageID: messageIDs?[index] ?? UUID().uuidString.lowercased(),
                                                                      type: type))
        }
        try await channel.close()
    }

    /// A consumer for this scope with `handlers`.
    func consumer(_ handlers: EventHandlers, database: Database) -> EventConsumer {
        EventConsumer(service: service, handlers: handlers, database: database, config: config, logger: database.logger)
    }
}

/// The JSON of a stock event envelope with a given id.
func stockEventBody(id: UUID = UUID(), delta: Int = 1) throws -> String {
    let envelope = EventEnvelope(id: id, subject: "p", data: StockUpdated(productID: UUID(), delta: delta, reason: "restock",
                                                                          onHand: delta, reserved: 0, available: delta))
    return String(decoding: try EventCoding.encoder().encode(envelope), as: UTF8.self)
}

/// Handlers that record each applied stock event in `effects` (one row per application, no unique key, so a
/// double application would show), failing while `failures` says so.
final class RecordingHandlers: Sendable {
    /// Attempts seen per event id (every handler call, committed or not).
    let attempts = Mutex<[UUID: [Int]]>([:])
    /// Fail attempts up to and including this number (0: never), with a transient error.
    let failThroughAttempt: Mutex<Int>
    /// Fail every attempt with a transient error while true.
    let broken: Mutex<Bool>

    init(failThroughAttempt: Int = 0, broken: Bool = false) {
        self.failThroughAttempt = Mutex(failThroughAttempt)
        self.broken = Mutex(broken)
    }

    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    var handlers: EventHandlers {
        var handlers = EventHandlers()
        handlers.on(StockUpdated.self) { [self] event, connection in
            attempts.withLock { $0[event.id, default: []].append(event.attempt) }
            if broken.withLock({ $0 }) || event.attempt <= failThroughAttempt.withLock({ $0 }) { throw Boom() }
            try await connection.run("INSERT INTO effects (event_id, attempt) VALUES (\(event.id), \(event.attempt))")
        }
        return handlers
    }
}

/// Creates the `effects` table the recording handlers write to.
func createEffectsTable(_ database: Database) async throws {
    try await database.query("CREATE TABLE IF NOT EXISTS effects (event_id uuid NOT NULL, attempt int NOT NULL)")
}

/// Rows in `effects` per event id.
func effectCounts(_ database: Database) async throws -> [UUID: Int] {
    var counts: [UUID: Int] = [:]
    for row in try await database.query("SELECT event_id, count(*)::int FROM effects GROUP BY event_id") {
        let (id, count) = try row.decode((UUID, Int).self)
        counts[id] = count
    }
    return counts
}

/// Runs `service` in the background while `body` runs, then cancels it.
func whileRunning(_ services: [@Sendable () async throws -> Void], _ body: () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for service in services { group.addTask { try await service() } }
        do {
            try await body()
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}

/// Loggers for tests: warnings and worse only.
enum TestLogger {
    static func quiet(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}

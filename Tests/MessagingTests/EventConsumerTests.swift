import AMQP
import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Synchronization
import Testing

/// The consumer against a real RabbitMQ and PostgreSQL: exactly-once effects, retries, dead letters, redrive.
@Suite struct EventConsumerTests {
    @Test func outboxEventsReachTheConsumerAndApplyExactlyOnceEvenWhenPublishedTwice() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with { scope in
                let recording = RecordingHandlers()
                let consumer = scope.consumer(recording.handlers, database: database)
                let publisher = AMQPEventPublisher(configuration: scope.config.amqp, service: "test", exchange: scope.config.exchange,
                                                   logger: database.logger)
                let relay = OutboxRelay(database: database, publisher: publisher, config: OutboxRelayConfig(pollInterval: 0.2),
                                        service: "test", logger: database.logger)
                // The queue and its binding exist before anything is published.
                try await scope.topology.declare(on: try await scope.connection.openChannel(), routingKeys: recording.handlers.routingKeys)
                try await enqueueStockEvents(30, on: database)
                let ids = try await database.query("SELECT event_id FROM outbox").map { try $0.decode(UUID.self) }
                try await whileRunning([{ try await consumer.run() }, { try await relay.run() }, { try await publisher.run() }]) {
                    #expect(try await eventually { try await effectCounts(database).filter { ids.contains($0.key) }.count == 30 })
                    // Publish the first ten again (as after a relay crash before mark-sent), then a marker after them.
                    try await database.query("UPDATE outbox SET sent_at = NULL WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT 10)")
                    try await database.query("SELECT pg_notify('mercato_outbox', '')")
                    try await enqueueStockEvents(1, on: database)
                    let marker = try await database.query("SELECT event_id FROM outbox ORDER BY seq DESC LIMIT 1").first!.decode(UUID.self)
                    #expect(try await eventually { try await effectCounts(database)[marker] == 1 })
                    // The consumer can apply the marker before the relay has committed its mark-sent: wait for that
                    // while the relay still runs.
                    #expect(try await eventually {
                        try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL").first!.decode(Int.self) == 0
                    }, "every outbox row marked sent")
                }
                let counts = try await effectCounts(database)
                #expect(ids.allSatisfy { counts[$0] == 1 }, "every event applied exactly once")
            }
        }
    }

    @Test func aTransientFailureIsRetriedThroughTheRetryQueues() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with(retryDelays: [0.2, 0.2, 0.2]) { scope in
                let recording = RecordingHandlers(failThroughAttempt: 2)
                let consumer = scope.consumer(recording.handlers, database: database)
                let id = UUID()
                try await whileRunning([{ try await consumer.run() }]) {
                    try await scope.publishDirect(try stockEventBody(id: id), type: StockUpdated.eventType)
                    #expect(try await eventually { try await effectCounts(database)[id] == 1 })
                }
                #expect(recording.attempts.withLock { $0[id] } == [1, 2, 3])
                let attempt = try await database.query("SELECT attempt FROM effects WHERE event_id = \(id)").first!.decode(Int.self)
                #expect(attempt == 3)
                #expect(try await DeadLetterQueue(service: scope.service, connection: scope.connection).count() == 0)
            }
        }
    }

    @Test func aMessagePastItsLastRetryIsDeadLetteredAndARedriveAfterTheFixAppliesIt() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with(retryDelays: [0.1]) { scope in
                let recording = RecordingHandlers(broken: true)
                let consumer = scope.consumer(recording.handlers, database: database)
                let dlq = DeadLetterQueue(service: scope.service, connection: scope.connection)
                let id = UUID()
                try await whileRunning([{ try await consumer.run() }]) {
                    try await scope.publishDirect(try stockEventBody(id: id), type: StockUpdated.eventType, messageID: id.uuidString.lowercased())
                    #expect(try await eventually { try await dlq.count() == 1 })
                    let letters = try await dlq.peek()
                    #expect(letters.count == 1)
                    #expect(letters.first?.eventID == id.uuidString.lowercased())
                    #expect(letters.first?.reason == "failed after 2 attempts: boom")
                    #expect(letters.first?.attempts == 2)
                    #expect(try await dlq.count() == 1, "peeking leaves the message in place")
                    #expect(try await effectCounts(database)[id] == nil)

                    recording.broken.withLock { $0 = false }
                    #expect(try await dlq.redrive() == 1)
                    #expect(try await eventually { try await effectCounts(database)[id] == 1 })
                    #expect(try await dlq.count() == 0)
                }
                #expect(recording.attempts.withLock { $0[id] } == [1, 2, 1])
            }
        }
    }

    @Test func poisonMessagesGoStraightToTheDeadLetterQueueWithTheirReason() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with { scope in
                let recording = RecordingHandlers()
                let consumer = scope.consumer(recording.handlers, database: database)
                let dlq = DeadLetterQueue(service: scope.service, connection: scope.connection)
                try await whileRunning([{ try await consumer.run() }]) {
                    try await scope.publishDirect("not json at all", type: StockUpdated.eventType, messageID: "poison-1")
                    let unknown = try stockEventBody().replacingOccurrences(of: StockUpdated.eventType, with: "mercato.catalog.nonsense.v9")
                    try await scope.publishDirect(unknown, type: "mercato.catalog.nonsense.v9", messageID: "poison-2")
                    let wrongShape = """
                        {"specversion":"1.0","id":"\(UUID().uuidString)","source":"/mercato/catalog","type":"\(StockUpdated.eventType)",\
                        "time":"2026-11-23T00:00:00Z","subject":"p","datacontenttype":"application/json","data":{"delta":"many"}}
                        """
                    try await scope.publishDirect(wrongShape, type: StockUpdated.eventType, messageID: "poison-3")
                    #expect(try await eventually { try await dlq.count() == 3 })
                }
                let reasons = Dictionary(uniqueKeysWithValues: try await dlq.peek().map { ($0.eventID ?? "", $0.reason ?? "") })
                #expect(reasons["poison-1"]?.hasPrefix("not a CloudEvents envelope") == true)
                #expect(reasons["poison-2"] == "no handler for event type mercato.catalog.nonsense.v9")
                #expect(reasons["poison-3"]?.hasPrefix("malformed \(StockUpdated.eventType) payload") == true)
                #expect(recording.attempts.withLock { $0.isEmpty }, "no handler ran for a poison message")
            }
        }
    }

    @Test func theProducersTraceContextTravelsFromTheOutboxRowToTheMessageAndTheHandler() async throws {
        try await withMessagingDatabase { database in
            try await BrokerScope.with { scope in
                let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                let seen = Mutex<String?>(nil)
                var handlers = EventHandlers()
                handlers.on(StockUpdated.self) { event, _ in
                    seen.withLock { $0 = event.traceparent }
                    throw PermanentEventFailure("keep it for inspection")
                }
                let consumer = scope.consumer(handlers, database: database)
                let publisher = AMQPEventPublisher(configuration: scope.config.amqp, service: "test", exchange: scope.config.exchange,
                                                   logger: database.logger)
                let relay = OutboxRelay(database: database, publisher: publisher, config: OutboxRelayConfig(pollInterval: 0.2),
                                        service: "test", logger: database.logger)
                try await scope.topology.declare(on: try await scope.connection.openChannel(), routingKeys: handlers.routingKeys)
                // As a traced request would have left it: the row and the envelope carry the producer's traceparent.
                try await database.withTransaction { connection in
                    let id = try await Outbox.enqueue(StockUpdated(productID: UUID(), delta: 1, reason: "restock", onHand: 1, reserved: 0,
                                                                   available: 1), subject: "p", on: connection)
                    try await connection.run("""
                        UPDATE outbox SET traceparent = \(traceparent),
                            body = jsonb_set(body::jsonb, '{traceparent}', to_jsonb(\(traceparent)::text))::text WHERE event_id = \(id)
                        """)
                }
                let dlq = DeadLetterQueue(service: scope.service, connection: scope.connection)
                try await whileRunning([{ try await consumer.run() }, { try await relay.run() }, { try await publisher.run() }]) {
                    let deadLettered = try await eventually { try await dlq.count() == 1 }
                    #expect(deadLettered)
                }
                #expect(seen.withLock { $0 } == traceparent, "the handler sees the producer's trace context")
                let letters = try await dlq.peek()
                #expect(letters.first?.headers["traceparent"] == traceparent, "the AMQP message carried it as a header")
            }
        }
    }
}

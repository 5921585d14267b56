import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Synchronization
import Testing

/// Lanes: one subject's events are applied one at a time in the order they were published, while different
/// subjects are applied side by side (against a real RabbitMQ and PostgreSQL).
@Suite struct EventConsumerLaneTests {
    /// What the handler saw: per subject the sequence numbers in application order, and the most handlers at once.
    final class LaneLog: Sendable {
        let applied = Mutex<[String: [Int]]>([:])
        let active = Mutex<(now: Int, most: Int)>((0, 0))

        var handlers: EventHandlers {
            var handlers = EventHandlers()
            handlers.on(StockUpdated.self) { [self] event, connection in
                active.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                defer { active.withLock { $0.now -= 1 } }
                // A little jitter so that, without lanes, a later event of a subject could overtake an earlier one.
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...4)))
                try await connection.run("INSERT INTO effects (event_id, attempt) VALUES (\(event.id), \(event.attempt))")
                applied.withLock { $0[event.subject, default: []].append(event.payload.delta) }
            }
            return handlers
        }
    }

    @Test func oneSubjectStaysInOrderWhileSubjectsRunSideBySide() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with { scope in
                let log = LaneLog()
                let subjects = (0..<8).map { "order-\($0)" }
                let perSubject = 12
                // Interleaved: 1 of every subject, then 2 of every subject, …
                let messages = try (1...perSubject).flatMap { sequence in
                    try subjects.map { subject in (body: try Self.body(subject: subject, sequence: sequence), subject: Optional(subject)) }
                }
                let consumer = scope.consumer(log.handlers, database: database)
                try await whileRunning([{ try await consumer.run() }]) {
                    try await scope.publishDirect(messages, type: StockUpdated.eventType)
                    #expect(try await eventually { log.applied.withLock { $0.values.reduce(0) { $0 + $1.count } } == messages.count })
                }
                let applied = log.applied.withLock { $0 }
                for subject in subjects {
                    #expect(applied[subject] == Array(1...perSubject), "\(subject) applied out of order: \(applied[subject] ?? [])")
                }
                #expect(log.active.withLock { $0.most } > 1, "different subjects are handled concurrently")
            }
        }
    }

    /// A stock event about `subject` carrying its sequence number in `delta`.
    static func body(subject: String, sequence: Int) throws -> String {
        let envelope = EventEnvelope(subject: subject, data: StockUpdated(productID: UUID(), delta: sequence, reason: "restock",
                                                                         onHand: sequence, reserved: 0, available: sequence))
        return String(decoding: try EventCoding.encoder().encode(envelope), as: UTF8.self)
    }
}

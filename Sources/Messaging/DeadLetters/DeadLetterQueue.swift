import AMQP
import Foundation
import NIOCore

/// Operator access to a service's dead-letter queue: count, look without removing, and redrive.
public struct DeadLetterQueue: Sendable {
    private let topology: EventTopology
    private let connection: AMQPConnection

    /// The dead-letter queue of `service` on `connection`.
    public init(service: String, connection: AMQPConnection) {
        self.topology = EventTopology(service: service, retryDelays: [])
        self.connection = connection
    }

    /// Messages waiting in the dead-letter queue (0 when the service never declared it).
    public func count() async throws -> Int {
        let channel = try await connection.openChannel()
        do {
            let info = try await channel.queueDeclare(topology.deadLetterQueue, passive: true)
            try? await channel.close()
            return Int(info.messageCount)
        } catch let error as AMQPError where error.replyCode == 404 {
            return 0
        }
    }

    /// Up to `limit` dead letters, oldest first, left in the queue (they are taken unacked and returned on close).
    public func peek(limit: Int = 100) async throws -> [DeadLetter] {
        let channel = try await connection.openChannel()
        var letters: [DeadLetter] = []
        do {
            while letters.count < limit, let delivery = try await channel.get(queue: topology.deadLetterQueue) {
                letters.append(DeadLetter(delivery: delivery))
            }
        } catch let error as AMQPError where error.replyCode == 404 {
            return []
        }
        // Closing the channel returns every unacked message to the queue, in order.
        try await channel.close()
        return letters
    }

    /// Moves dead letters back to the service's main queue as fresh first attempts (reason cleared), each one
    /// confirmed by the broker before it is removed from the dead-letter queue. `eventID` limits it to that event.
    /// Only the messages waiting when it starts are looked at, so a message that fails again and returns to the
    /// dead-letter queue meanwhile is not redriven twice. Returns how many were redriven.
    @discardableResult
    public func redrive(eventID: String? = nil, limit: Int = .max) async throws -> Int {
        let waiting = try await count()
        let channel = try await connection.openChannel()
        try await channel.confirmSelect()
        var moved = 0
        var examined = 0
        do {
            while moved < limit, examined < waiting, let delivery = try await channel.get(queue: topology.deadLetterQueue) {
                examined += 1
                if let eventID, delivery.properties.messageID != eventID { continue }
                var properties = delivery.properties
                var headers = properties.headers ?? [:]
                headers[EventHeaders.attempt] = nil
                headers[EventHeaders.reason] = nil
                headers[EventHeaders.deadLetteredAt] = nil
                headers["x-mercato-redriven-at"] = .string(Date().formatted(.iso8601))
                properties.headers = headers
                try await channel.publish(delivery.body, exchange: "", routingKey: topology.mainQueue, properties: properties)
                try await delivery.ack()
                moved += 1
            }
        } catch let error as AMQPError where error.replyCode == 404 {
            return 0
        }
        // Skipped messages were never acked: closing returns them.
        try await channel.close()
        return moved
    }
}

import AMQP
import Foundation
import NIOCore

/// Our client's confirmed publish: persistent messages to one queue over `channels` channels, each with up to
/// `window / channels` awaiting their confirm, sent in batches of `batch` (`startPublish(batch:)`) or one by one
/// (`startPublish`) when `batch` is 1.
struct AMQPPublishRun: Sendable {
    var queue: String
    var messages: Int
    var seconds: Double
    var window: Int
    var batch: Int
    var size: Int
    var channels = 1

    func run(connection: AMQPConnection, brokerPID: pid_t?) async throws -> BenchMeasurement {
        var opened: [AMQPChannel] = []
        for _ in 0..<max(1, channels) {
            let channel = try await connection.openChannel()
            try await channel.confirmSelect()
            opened.append(channel)
        }
        let meter = BenchMeter(brokerPID: brokerPID)
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds.isFinite ? seconds * 1000 : 1e12))
        let count = opened.count, share = max(1, window / opened.count)
        let sent = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, channel) in opened.enumerated() {
                let messages = self.messages / count + (index < self.messages % count ? 1 : 0)
                group.addTask { try await publish(messages, on: channel, window: share, until: deadline) }
            }
            return try await group.reduce(0, +)
        }
        let measurement = meter.finish(messages: sent)
        for channel in opened { try await channel.close() }
        return measurement
    }

    /// Publishes up to `count` messages on `channel` (or until `deadline`), keeping `window` unconfirmed; returns how many.
    func publish(_ count: Int, on channel: AMQPChannel, window: Int, until deadline: ContinuousClock.Instant) async throws -> Int {
        let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
        let message = AMQPOutboundMessage(body, routingKey: queue, properties: .persistent)
        let batchSize = max(1, min(batch, window))
        let fullBatch = Array(repeating: message, count: batchSize)
        var inFlight = CircularBuffer<(confirmation: AMQPPublishConfirmation, count: Int)>(initialCapacity: window / batchSize + 1)
        var pending = 0
        var sent = 0
        while sent < count, ContinuousClock.now < deadline {
            let next = min(batchSize, count - sent)
            while pending + next > window, let oldest = inFlight.popFirst() {
                try await oldest.confirmation.confirmed()
                pending -= oldest.count
            }
            let confirmation = batchSize == 1
                ? try channel.startPublish(body, routingKey: queue, properties: .persistent)
                : try channel.startPublish(batch: next == batchSize ? fullBatch : Array(fullBatch.prefix(next)))
            inFlight.append((confirmation, next))
            pending += next
            sent += next
        }
        while let oldest = inFlight.popFirst() { try await oldest.confirmation.confirmed() }
        return sent
    }
}

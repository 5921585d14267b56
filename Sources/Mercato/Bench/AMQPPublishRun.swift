import AMQP
import Foundation
import NIOCore

/// Our client's confirmed publish: persistent messages to one queue with up to `window` awaiting their
/// confirm, sent in batches of `batch` (`startPublish(batch:)`) or one by one (`startPublish`) when `batch` is 1.
struct AMQPPublishRun: Sendable {
    var queue: String
    var messages: Int
    var seconds: Double
    var window: Int
    var batch: Int
    var size: Int

    func run(connection: AMQPConnection, brokerPID: pid_t?) async throws -> BenchMeasurement {
        let channel = try await connection.openChannel()
        try await channel.confirmSelect()
        let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
        let message = AMQPOutboundMessage(body, routingKey: queue, properties: .persistent)
        let batchSize = max(1, min(batch, window))
        let fullBatch = Array(repeating: message, count: batchSize)
        var inFlight = CircularBuffer<(confirmation: AMQPPublishConfirmation, count: Int)>(initialCapacity: window / batchSize + 1)
        var pending = 0
        var sent = 0
        let meter = BenchMeter(brokerPID: brokerPID)
        while sent < messages, meter.elapsed < seconds {
            let count = min(batchSize, messages - sent)
            while pending + count > window, let oldest = inFlight.popFirst() {
                try await oldest.confirmation.confirmed()
                pending -= oldest.count
            }
            let confirmation = batchSize == 1
                ? try channel.startPublish(body, routingKey: queue, properties: .persistent)
                : try channel.startPublish(batch: count == batchSize ? fullBatch : Array(fullBatch.prefix(count)))
            inFlight.append((confirmation, count))
            pending += count
            sent += count
        }
        while let oldest = inFlight.popFirst() { try await oldest.confirmation.confirmed() }
        let measurement = meter.finish(messages: sent)
        try await channel.close()
        return measurement
    }
}

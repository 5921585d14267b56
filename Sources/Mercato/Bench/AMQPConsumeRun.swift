import AMQP
import Foundation

/// Our client's consume: prefetch `prefetch`, acknowledging with `multiple` every `ackEvery` deliveries (and the last).
struct AMQPConsumeRun: Sendable {
    var queue: String
    var messages: Int
    var seconds: Double
    var prefetch: Int
    var ackEvery: Int

    func run(connection: AMQPConnection, brokerPID: pid_t?) async throws -> BenchMeasurement {
        let channel = try await connection.openChannel()
        try await channel.qos(prefetchCount: UInt16(clamping: prefetch))
        let meter = BenchMeter(brokerPID: brokerPID)
        let consumer = try await channel.consume(queue: queue)
        var received = 0
        for try await delivery in consumer {
            received += 1
            let done = received >= messages || meter.elapsed >= seconds
            if received % ackEvery == 0 || done { try await delivery.ack(multiple: true) }
            if done { break }
        }
        let measurement = meter.finish(messages: received)
        try await channel.close()
        return measurement
    }
}

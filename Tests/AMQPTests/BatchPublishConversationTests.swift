@testable import AMQP
import NIOCore
import NIOEmbedded
import Testing

/// `startPublish(batch:)` on the wire: one outbound buffer for the whole batch, the same bytes as frames encoded
/// one by one, one promise settled by the broker's acks, and failed with `.publishUnconfirmed` when the connection dies.
@Suite("Batch publish conversations") struct BatchPublishConversationTests {
    typealias Harness = HandlerConversationTests.Harness

    /// A harness with channel 1 open in confirm mode.
    func confirmingChannel(events: AMQPConnectionEvents = .init()) throws -> Harness {
        let harness = try Harness(events: events)
        try harness.handshakeToOpen()
        let opened = harness.channel.eventLoop.makePromise(of: Void.self)
        try harness.channel.writeOutbound(AMQPCommand.openChannel(1, opened))
        _ = try harness.clientFrames()
        try harness.broker(.method(channel: 1, .channel(.openOk)))
        let selected = harness.channel.eventLoop.makePromise(of: AMQPReply.self)
        try harness.channel.writeOutbound(AMQPCommand.call(channel: 1, .confirm(.select(noWait: false)), selected))
        _ = try harness.clientFrames()
        try harness.broker(.method(channel: 1, .confirm(.selectOk)))
        _ = try selected.futureResult.wait()
        return harness
    }

    static func messages(_ count: Int, size: Int) -> [AMQPOutboundMessage] {
        (0..<count).map { AMQPOutboundMessage(ByteBuffer(repeating: UInt8($0), count: size), routingKey: "q\($0)", properties: .persistent) }
    }

    @Test func aBatchIsOneWriteWithTheBytesOfItsFramesAndConfirmsOnTheLastAck() throws {
        let harness = try confirmingChannel()
        let messages = Self.messages(3, size: 5000)  // frame_max 4096: two body frames each
        let confirmed = harness.channel.eventLoop.makePromise(of: Void.self)
        let done = TestBox(false)
        confirmed.futureResult.whenSuccess { done.value = true }
        try harness.channel.writeOutbound(AMQPCommand.publishBatch(channel: 1, messages, confirmed))
        let first = try #require(try harness.channel.readOutbound(as: ByteBuffer.self))
        #expect(try harness.channel.readOutbound(as: ByteBuffer.self) == nil)  // one buffer, one flush
        var expected = ByteBuffer()
        for (index, message) in messages.enumerated() {
            AMQPFrame.method(channel: 1, .basic(.publish(exchange: "", routingKey: "q\(index)", mandatory: false, immediate: false)))
                .encode(into: &expected)
            AMQPFrame.header(channel: 1, classID: 60, bodySize: 5000, properties: .persistent).encode(into: &expected)
            AMQPFrame.body(channel: 1, message.body.getSlice(at: 0, length: 4088)!).encode(into: &expected)
            AMQPFrame.body(channel: 1, message.body.getSlice(at: 4088, length: 912)!).encode(into: &expected)
        }
        #expect(first == expected)
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 2, multiple: true))))
        #expect(!done.value)
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 3, multiple: false))))
        #expect(done.value)
    }

    @Test func aNackInTheMiddleFailsTheBatchAndLeavesTheNextOneAlone() throws {
        let harness = try confirmingChannel()
        let batch = harness.channel.eventLoop.makePromise(of: Void.self)
        let next = harness.channel.eventLoop.makePromise(of: Void.self)
        try harness.channel.writeOutbound(AMQPCommand.publishBatch(channel: 1, Self.messages(5, size: 10), batch))
        try harness.channel.writeOutbound(AMQPCommand.publishBatch(channel: 1, Self.messages(2, size: 10), next))
        _ = try harness.clientFrames()
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 2, multiple: true))),
                           .method(channel: 1, .basic(.nack(deliveryTag: 3, multiple: false, requeue: false))),
                           .method(channel: 1, .basic(.ack(deliveryTag: 7, multiple: true))))
        #expect { try batch.futureResult.wait() } throws: {
            let error = $0 as? AMQPError
            return error?.code == .publishNacked && error?.message.contains("positions 2,") == true
        }
        try next.futureResult.wait()
    }

    @Test func aLostConnectionFailsEveryPendingConfirmWithPublishUnconfirmed() throws {
        let harness = try confirmingChannel()
        var promises: [EventLoopPromise<Void>] = []
        for _ in 0..<10 {
            let promise = harness.channel.eventLoop.makePromise(of: Void.self)
            try harness.channel.writeOutbound(AMQPCommand.publishBatch(channel: 1, Self.messages(100, size: 1024), promise))
            promises.append(promise)
        }
        for index in 0..<200 {
            let promise = harness.channel.eventLoop.makePromise(of: Void.self)
            try harness.channel.writeOutbound(AMQPCommand.publish(channel: 1, exchange: "", routingKey: "q\(index)", mandatory: false,
                                                                  properties: .persistent, body: ByteBuffer(string: "m"), promise))
            promises.append(promise)
        }
        _ = try harness.clientBytes()
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 100, multiple: true))))
        try promises[0].futureResult.wait()
        harness.channel.pipeline.fireChannelInactive()
        for promise in promises.dropFirst() {
            #expect { try promise.futureResult.wait() } throws: { ($0 as? AMQPError)?.code == .publishUnconfirmed }
        }
    }
}

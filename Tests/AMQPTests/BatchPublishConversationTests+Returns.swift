@testable import AMQP
import NIOCore
import NIOEmbedded
import Testing

/// Mandatory publishes on the wire: the broker's `basic.return` (bytes written by hand) and then its ack fail the
/// confirmation of the returned message's batch, the single publish after it confirms, and the return is still reported.
extension BatchPublishConversationTests {
    @Test func aReturnThenTheAckFailsTheBatchWithPublishReturnedAndLeavesTheNextPublishAlone() throws {
        let reported = TestBox<[String]>([])
        var events = AMQPConnectionEvents()
        events.returned = { _, content in reported.mutex.withLock { $0.append(AMQPReturnedMessage(content).routingKey) } }
        let harness = try confirmingChannel(events: events)
        let batch = (0..<4).map {
            AMQPOutboundMessage(ByteBuffer(string: "b\($0)"), exchange: "ex", routingKey: "k\($0)", mandatory: true,
                                properties: AMQPBasicProperties(deliveryMode: 2, messageID: "e\($0)"))
        }
        let batchConfirmed = harness.channel.eventLoop.makePromise(of: Void.self)
        let single = harness.channel.eventLoop.makePromise(of: Void.self)
        try harness.channel.writeOutbound(AMQPCommand.publishBatch(channel: 1, batch, batchConfirmed))
        try harness.channel.writeOutbound(AMQPCommand.publish(channel: 1, exchange: "ex", routingKey: "k0", mandatory: true,
                                                              properties: AMQPBasicProperties(messageID: "s"), body: ByteBuffer(string: "s"), single))
        let frames = try harness.clientFrames()
        #expect(frames.first == .method(channel: 1, .basic(.publish(exchange: "ex", routingKey: "k0", mandatory: true, immediate: false))))
        #expect(frames.count == 15)  // method, header, body per message
        let failed = TestBox(false)
        batchConfirmed.futureResult.whenFailure { _ in failed.value = true }

        // basic.return 312 NO_ROUTE for exchange "ex", key "k2", its header (message_id "e2", 2 bytes) and body "b2".
        let returnFrames: [UInt8] = [1, 0, 1, 0, 0, 0, 0x15, 0, 60, 0, 50, 0x01, 0x38, 8] + Array("NO_ROUTE".utf8) + [2] + Array("ex".utf8)
            + [2] + Array("k2".utf8) + [0xCE]
            + [2, 0, 1, 0, 0, 0, 0x11, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x00, 0x80, 2] + Array("e2".utf8) + [0xCE]
            + [3, 0, 1, 0, 0, 0, 2] + Array("b2".utf8) + [0xCE]
        var encoded = ByteBuffer()
        AMQPFrame.method(channel: 1, .basic(.return(replyCode: 312, replyText: "NO_ROUTE", exchange: "ex", routingKey: "k2"))).encode(into: &encoded)
        AMQPFrame.header(channel: 1, classID: 60, bodySize: 2, properties: AMQPBasicProperties(messageID: "e2")).encode(into: &encoded)
        AMQPFrame.body(channel: 1, ByteBuffer(string: "b2")).encode(into: &encoded)
        #expect(Array(encoded.readableBytesView) == returnFrames)
        try harness.channel.writeInbound(ByteBuffer(bytes: returnFrames))
        #expect(reported.value == ["k2"])
        #expect(!failed.value)  // the return alone settles nothing
        // Acks of the routed messages (0, 1, 3) and of the returned one come after, as one multiple ack.
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 4, multiple: true))))
        #expect { try batchConfirmed.futureResult.wait() } throws: {
            let error = $0 as? AMQPError
            return error?.code == .publishReturned && error?.replyCode == 312 && error?.replyText == "NO_ROUTE" && error?.routingKey == "k2"
                && error?.message.contains("1 of the batch's 4 messages (positions 2,") == true
        }
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 5, multiple: false))))
        try single.futureResult.wait()
    }
}

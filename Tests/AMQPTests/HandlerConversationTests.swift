@testable import AMQP
import NIOCore
import NIOEmbedded
import Testing

/// Byte-exact conversations: the real decoder and handler on an `EmbeddedChannel`, with the test as the broker.
@Suite("Handler conversations") struct HandlerConversationTests {
    final class Harness {
        let channel = EmbeddedChannel()
        let handshake: EventLoopPromise<AMQPNegotiated>

        init(events: AMQPConnectionEvents = .init()) throws {
            handshake = channel.eventLoop.makePromise()
            let options = AMQPConnectionStateMachine.Options(user: "guest", password: "guest", virtualHost: "/", channelMax: 2047,
                                                             frameMax: 131_072, heartbeat: 0, connectionName: nil)
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AMQPFrameDecoder()))
            try channel.pipeline.syncOperations.addHandler(AMQPChannelHandler(options: options, handshakePromise: handshake, events: events))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5672)).wait()
        }

        /// Everything the client wrote, decoded into frames (after the protocol header, if present).
        func clientFrames() throws -> [AMQPFrame] {
            var all = ByteBuffer()
            while var chunk = try channel.readOutbound(as: ByteBuffer.self) { all.writeBuffer(&chunk) }
            if all.getBytes(at: 0, length: 8) == AMQPFrame.protocolHeader { all.moveReaderIndex(forwardBy: 8) }
            var decoder = AMQPFrameDecoder()
            var frames: [AMQPFrame] = []
            while let frame = try decoder.decode(buffer: &all) { frames.append(frame) }
            return frames
        }

        func clientBytes() throws -> [UInt8] {
            var all: [UInt8] = []
            while let chunk = try channel.readOutbound(as: ByteBuffer.self) { all += chunk.readableBytesView }
            return all
        }

        func broker(_ frames: AMQPFrame...) throws {
            var buffer = ByteBuffer()
            for frame in frames { frame.encode(into: &buffer) }
            try channel.writeInbound(buffer)
        }

        func handshakeToOpen() throws {
            _ = try clientBytes()
            try broker(.method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: [:], mechanisms: "PLAIN", locales: "en_US"))))
            _ = try clientFrames()
            try broker(.method(channel: 0, .connection(.tune(channelMax: 0, frameMax: 4096, heartbeat: 0))))
            _ = try clientFrames()
            try broker(.method(channel: 0, .connection(.openOk)))
        }
    }

    @Test func handshakeBytesAreExact() throws {
        let harness = try Harness()
        #expect(try harness.clientBytes() == Array("AMQP".utf8) + [0, 0, 9, 1])
        try harness.broker(.method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: [:], mechanisms: "PLAIN", locales: "en_US"))))
        let startOk = try harness.clientFrames()
        guard case .method(0, .connection(.startOk(_, "PLAIN", "\u{0}guest\u{0}guest", "en_US"))) = startOk.first else {
            Issue.record("\(startOk)"); return
        }
        try harness.broker(.method(channel: 0, .connection(.tune(channelMax: 0, frameMax: 4096, heartbeat: 0))))
        // tune-ok (channel_max 2047, frame_max 4096, heartbeat 0) then open "/" — byte for byte.
        let expected: [UInt8] = [1, 0, 0, 0, 0, 0, 12, 0, 10, 0, 31, 0x07, 0xFF, 0, 0, 0x10, 0, 0, 0, 0xCE,
                                 1, 0, 0, 0, 0, 0, 8, 0, 10, 0, 40, 1, 0x2F, 0, 0, 0xCE]
        #expect(try harness.clientBytes() == expected)
        try harness.broker(.method(channel: 0, .connection(.openOk)))
        #expect(try harness.handshake.futureResult.wait() == AMQPNegotiated(channelMax: 2047, frameMax: 4096, heartbeat: 0))
    }

    @Test func publishInConfirmModeSplitsTheBodyAndCompletesOnAck() throws {
        let harness = try Harness()
        try harness.handshakeToOpen()
        let opened = harness.channel.eventLoop.makePromise(of: Void.self)
        try harness.channel.writeOutbound(AMQPCommand.openChannel(1, opened))
        #expect(try harness.clientFrames() == [.method(channel: 1, .channel(.open))])
        try harness.broker(.method(channel: 1, .channel(.openOk)))
        try opened.futureResult.wait()

        let selected = harness.channel.eventLoop.makePromise(of: AMQPReply.self)
        try harness.channel.writeOutbound(AMQPCommand.call(channel: 1, .confirm(.select(noWait: false)), selected))
        #expect(try harness.clientFrames() == [.method(channel: 1, .confirm(.select(noWait: false)))])
        try harness.broker(.method(channel: 1, .confirm(.selectOk)))
        _ = try selected.futureResult.wait()

        let confirmed = harness.channel.eventLoop.makePromise(of: Void.self)
        let done = TestBox(false)
        confirmed.futureResult.whenSuccess { done.value = true }
        let body = ByteBuffer(repeating: 0x41, count: 5000)
        try harness.channel.writeOutbound(AMQPCommand.publish(channel: 1, exchange: "", routingKey: "q", mandatory: false,
                                                              properties: .persistent, body: body, confirmed))
        let frames = try harness.clientFrames()
        #expect(frames.count == 4)  // publish, header, 4088 + 912 bytes of body
        if case .body(_, let last) = frames.last { #expect(last.readableBytes == 912) }
        #expect(!done.value)
        try harness.broker(.method(channel: 1, .basic(.ack(deliveryTag: 1, multiple: false))))
        #expect(done.value)
    }

    @Test func brokerConnectionCloseIsAnsweredAndFailsWaitingCalls() throws {
        let harness = try Harness()
        try harness.handshakeToOpen()
        let opened = harness.channel.eventLoop.makePromise(of: Void.self)
        try harness.channel.writeOutbound(AMQPCommand.openChannel(1, opened))
        _ = try harness.clientFrames()
        try harness.broker(.method(channel: 0, .connection(.close(replyCode: 320, replyText: "CONNECTION_FORCED - shutdown", classID: 0, methodID: 0))))
        let answer = try harness.clientFrames()
        #expect(answer == [.method(channel: 0, .connection(.closeOk))], "\(answer)")
        #expect { try opened.futureResult.wait() } throws: { ($0 as? AMQPError)?.replyCode == 320 }
    }
}

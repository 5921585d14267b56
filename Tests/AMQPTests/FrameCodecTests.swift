@testable import AMQP
import NIOCore
import NIOTestUtils
import Testing

@Suite("Frame codec") struct FrameCodecTests {
    static func bytes(_ frames: [AMQPFrame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { frame.encode(into: &buffer) }
        return buffer
    }

    static let allProperties = AMQPBasicProperties(
        contentType: "application/json", contentEncoding: "gzip", headers: FieldTableCodecTests.everyType, deliveryMode: 2, priority: 7,
        correlationID: "corr", replyTo: "replies", expiration: "60000", messageID: "m-1", timestamp: 1_700_000_001, type: "order.placed",
        userID: "guest", appID: "mercato", clusterID: "")

    static let sampleFrames: [AMQPFrame] = [
        .method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: ["product": "RabbitMQ"],
                                               mechanisms: "PLAIN AMQPLAIN", locales: "en_US"))),
        .method(channel: 0, .connection(.startOk(clientProperties: ["product": "x"], mechanism: "PLAIN", response: "\u{0}u\u{0}p", locale: "en_US"))),
        .method(channel: 0, .connection(.tune(channelMax: 2047, frameMax: 131_072, heartbeat: 60))),
        .method(channel: 0, .connection(.tuneOk(channelMax: 2047, frameMax: 131_072, heartbeat: 60))),
        .method(channel: 0, .connection(.open(virtualHost: "/"))), .method(channel: 0, .connection(.openOk)),
        .method(channel: 0, .connection(.close(replyCode: 320, replyText: "CONNECTION_FORCED", classID: 0, methodID: 0))),
        .method(channel: 0, .connection(.closeOk)), .method(channel: 0, .connection(.blocked(reason: "low on memory"))),
        .method(channel: 0, .connection(.unblocked)), .method(channel: 0, .connection(.secure(challenge: "c"))),
        .method(channel: 0, .connection(.secureOk(response: "r"))),
        .method(channel: 1, .channel(.open)), .method(channel: 1, .channel(.openOk)), .method(channel: 1, .channel(.flow(active: false))),
        .method(channel: 1, .channel(.flowOk(active: true))), .method(channel: 1, .channel(.close(replyCode: 404, replyText: "NOT_FOUND", classID: 50, methodID: 10))),
        .method(channel: 1, .channel(.closeOk)),
        .method(channel: 1, .exchange(.declare(exchange: "e", type: "topic", passive: false, durable: true, autoDelete: false, internal: true,
                                               noWait: false, arguments: ["alternate-exchange": "ae"]))),
        .method(channel: 1, .exchange(.declareOk)), .method(channel: 1, .exchange(.delete(exchange: "e", ifUnused: true, noWait: false))),
        .method(channel: 1, .exchange(.deleteOk)),
        .method(channel: 1, .exchange(.bind(destination: "d", source: "s", routingKey: "k", noWait: false, arguments: [:]))),
        .method(channel: 1, .exchange(.bindOk)),
        .method(channel: 1, .exchange(.unbind(destination: "d", source: "s", routingKey: "k", noWait: true, arguments: ["x": 1]))),
        .method(channel: 1, .exchange(.unbindOk)),
        .method(channel: 1, .queue(.declare(queue: "q", passive: false, durable: true, exclusive: false, autoDelete: true, noWait: false,
                                            arguments: ["x-queue-type": "quorum", "x-dead-letter-exchange": "dlx",
                                                        "x-dead-letter-routing-key": "dead", "x-message-ttl": 5000]))),
        .method(channel: 1, .queue(.declareOk(queue: "q", messageCount: 3, consumerCount: 1))),
        .method(channel: 1, .queue(.bind(queue: "q", exchange: "e", routingKey: "k", noWait: false, arguments: [:]))),
        .method(channel: 1, .queue(.bindOk)), .method(channel: 1, .queue(.purge(queue: "q", noWait: false))),
        .method(channel: 1, .queue(.purgeOk(messageCount: 9))), .method(channel: 1, .queue(.delete(queue: "q", ifUnused: false, ifEmpty: true, noWait: false))),
        .method(channel: 1, .queue(.deleteOk(messageCount: 2))), .method(channel: 1, .queue(.unbind(queue: "q", exchange: "e", routingKey: "k", arguments: [:]))),
        .method(channel: 1, .queue(.unbindOk)),
        .method(channel: 2, .basic(.qos(prefetchSize: 0, prefetchCount: 50, global: false))), .method(channel: 2, .basic(.qosOk)),
        .method(channel: 2, .basic(.consume(queue: "q", consumerTag: "t", noLocal: false, noAck: true, exclusive: true, noWait: false, arguments: [:]))),
        .method(channel: 2, .basic(.consumeOk(consumerTag: "t"))), .method(channel: 2, .basic(.cancel(consumerTag: "t", noWait: false))),
        .method(channel: 2, .basic(.cancelOk(consumerTag: "t"))),
        .method(channel: 2, .basic(.publish(exchange: "e", routingKey: "k", mandatory: true, immediate: false))),
        .method(channel: 2, .basic(.return(replyCode: 312, replyText: "NO_ROUTE", exchange: "e", routingKey: "k"))),
        .method(channel: 2, .basic(.deliver(consumerTag: "t", deliveryTag: 1 << 40, redelivered: true, exchange: "e", routingKey: "k"))),
        .method(channel: 2, .basic(.get(queue: "q", noAck: false))),
        .method(channel: 2, .basic(.getOk(deliveryTag: 5, redelivered: false, exchange: "", routingKey: "q", messageCount: 4))),
        .method(channel: 2, .basic(.getEmpty)), .method(channel: 2, .basic(.ack(deliveryTag: 7, multiple: true))),
        .method(channel: 2, .basic(.reject(deliveryTag: 8, requeue: false))), .method(channel: 2, .basic(.nack(deliveryTag: 9, multiple: true, requeue: false))),
        .method(channel: 2, .basic(.recover(requeue: true))), .method(channel: 2, .basic(.recoverOk)),
        .method(channel: 3, .confirm(.select(noWait: false))), .method(channel: 3, .confirm(.selectOk)),
        .header(channel: 2, classID: 60, bodySize: 5, properties: allProperties),
        .header(channel: 2, classID: 60, bodySize: 0, properties: AMQPBasicProperties()),
        .body(channel: 2, ByteBuffer(string: "hello")),
        .heartbeat,
    ]

    @Test func everyFrameRoundTripsWhenFedByteByByte() throws {
        let input = Self.bytes(Self.sampleFrames)
        var decoder = AMQPFrameDecoder()
        var accumulated = ByteBuffer()
        var decoded: [AMQPFrame] = []
        for byte in input.readableBytesView {
            accumulated.writeInteger(byte)
            while let frame = try decoder.decode(buffer: &accumulated) { decoded.append(frame) }
        }
        #expect(decoded == Self.sampleFrames)
        #expect(accumulated.readableBytes == 0)
    }

    @Test func verifierAgreesForEveryFrame() throws {
        let pairs = Self.sampleFrames.map { (Self.bytes([$0]), [$0]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { AMQPFrameDecoder() }
    }

    @Test func heartbeatIsTheSpecsEightBytes() {
        #expect(Array(Self.bytes([.heartbeat]).readableBytesView) == [8, 0, 0, 0, 0, 0, 0, 0xCE])
    }

    @Test func basicPublishMatchesTheSpecLayout() {
        let frame = AMQPFrame.method(channel: 1, .basic(.publish(exchange: "ex", routingKey: "rk", mandatory: true, immediate: false)))
        let expected: [UInt8] = [1, 0, 1, 0, 0, 0, 13, 0, 60, 0, 40, 0, 0, 2, 0x65, 0x78, 2, 0x72, 0x6B, 1, 0xCE]
        #expect(Array(Self.bytes([frame]).readableBytesView) == expected)
    }

    @Test func propertyFlagsFollowTheSpecOrder() throws {
        var buffer = ByteBuffer()
        AMQPBasicProperties(contentType: "a", deliveryMode: 2, timestamp: 1).encode(into: &buffer)
        #expect(buffer.getInteger(at: 0, as: UInt16.self) == 0b1001_0000_0100_0000)
        var all = ByteBuffer()
        Self.allProperties.encode(into: &all)
        #expect(all.getInteger(at: 0, as: UInt16.self) == 0xFFFC)
        #expect(try AMQPBasicProperties.decode(from: &all) == Self.allProperties)
    }

    @Test func badFrameEndIsRejected() {
        var buffer = Self.bytes([.heartbeat])
        buffer.setInteger(UInt8(0xAB), at: 7)
        var decoder = AMQPFrameDecoder()
        #expect(throws: AMQPError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test func oversizedFrameIsRejectedBeforeBuffering() {
        var buffer = ByteBuffer(bytes: [3, 0, 1, 0x10, 0, 0, 0])
        var decoder = AMQPFrameDecoder(maximumFrameSize: 4096)
        #expect(throws: AMQPError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test func brokerProtocolHeaderMeansVersionMismatch() {
        var buffer = ByteBuffer(bytes: Array("AMQP".utf8) + [0, 0, 9, 1])
        var decoder = AMQPFrameDecoder()
        #expect { try decoder.decode(buffer: &buffer) } throws: { ($0 as? AMQPError)?.code == .handshakeFailed }
    }

    @Test func urlParsing() throws {
        let configuration = try AMQPConfiguration(url: "amqp://user:p%40ss@broker.local:5673/%2Fprod")
        #expect(configuration.user == "user")
        #expect(configuration.password == "p@ss")
        #expect(configuration.host == "broker.local")
        #expect(configuration.port == 5673)
        #expect(configuration.virtualHost == "/prod")
        #expect(try AMQPConfiguration(url: "amqp://h").virtualHost == "/")
    }
}

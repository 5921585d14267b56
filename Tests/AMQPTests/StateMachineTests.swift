@testable import AMQP
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// A value tests can set from `@Sendable` future callbacks.
final class TestBox<Value: Sendable>: Sendable {
    let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }
}

/// The connection and channel state machines, driven by hand: no sockets, no event loop work.
@Suite("State machines") struct StateMachineTests {
    let loop = EmbeddedEventLoop()
    static let options = AMQPConnectionStateMachine.Options(user: "guest", password: "secret", virtualHost: "/", channelMax: 100,
                                                            frameMax: 8192, heartbeat: 10, connectionName: nil)

    /// The frames the actions write; a publish is encoded as the handler does and decoded again.
    static func writes(_ actions: [AMQPAction]) -> [AMQPFrame] {
        actions.flatMap { action -> [AMQPFrame] in
            switch action {
            case .write(let frame): return [frame]
            case .writePublish(let channel, let message, let frameMax):
                var buffer = ByteBuffer()
                AMQPFrame.encodePublish(channel: channel, message, frameMax: frameMax, into: &buffer)
                var decoder = AMQPFrameDecoder()
                var frames: [AMQPFrame] = []
                while let frame = try? decoder.decode(buffer: &buffer) { frames.append(frame) }
                return frames
            default: return []
            }
        }
    }

    /// A machine that has completed the handshake with the broker's tune values.
    func openMachine(now: NIODeadline = .uptimeNanoseconds(0)) -> AMQPConnectionStateMachine {
        var machine = AMQPConnectionStateMachine(options: Self.options)
        var actions: [AMQPAction] = []
        machine.connected(now: now, actions: &actions)
        machine.received(.method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: [:], mechanisms: "AMQPLAIN PLAIN",
                                                                 locales: "en_US"))), now: now, actions: &actions)
        machine.received(.method(channel: 0, .connection(.tune(channelMax: 2047, frameMax: 131_072, heartbeat: 60))), now: now, actions: &actions)
        machine.received(.method(channel: 0, .connection(.openOk)), now: now, actions: &actions)
        return machine
    }

    func openChannel(_ machine: inout AMQPConnectionStateMachine, id: UInt16 = 1) -> EventLoopFuture<Void> {
        var actions: [AMQPAction] = []
        let promise = loop.makePromise(of: Void.self)
        machine.openChannel(id, promise: promise, actions: &actions)
        machine.received(.method(channel: id, .channel(.openOk)), now: .uptimeNanoseconds(0), actions: &actions)
        run(actions)
        return promise.futureResult
    }

    /// An open machine with channel 1 open in confirm mode.
    func confirmingMachine() throws -> AMQPConnectionStateMachine {
        var machine = openMachine()
        _ = openChannel(&machine)
        var actions: [AMQPAction] = []
        try machine.withChannel(1) { $0.send(.confirm(.select(noWait: false)), promise: loop.makePromise(), actions: &actions) }
        machine.received(.method(channel: 1, .confirm(.selectOk)), now: .now(), actions: &actions)
        run(actions)
        return machine
    }

    /// Completes promises the way the handler would.
    func run(_ actions: [AMQPAction]) {
        for action in actions {
            switch action {
            case .succeed(let p): p.succeed()
            case .fail(let p, let e): p.fail(e)
            case .reply(let p, let r): p.succeed(r)
            case .failReply(let p, let e): p.fail(e)
            default: break
            }
        }
    }

    @Test func handshakeNegotiatesTheLowerLimitsAndAuthenticatesWithPlain() {
        var machine = AMQPConnectionStateMachine(options: Self.options)
        var actions: [AMQPAction] = []
        machine.connected(now: .now(), actions: &actions)
        guard case .sendProtocolHeader = actions.first else { Issue.record("no protocol header"); return }
        actions.removeAll()
        machine.received(.method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: [:], mechanisms: "PLAIN",
                                                                 locales: "en_US"))), now: .now(), actions: &actions)
        guard case .method(0, .connection(.startOk(let properties, "PLAIN", "\u{0}guest\u{0}secret", "en_US"))) = Self.writes(actions).first else {
            Issue.record("expected start-ok, got \(actions)"); return
        }
        if case .table(let capabilities)? = properties["capabilities"] { #expect(capabilities["publisher_confirms"] == .bool(true)) }
        actions.removeAll()
        machine.received(.method(channel: 0, .connection(.tune(channelMax: 2047, frameMax: 131_072, heartbeat: 5))), now: .now(), actions: &actions)
        #expect(Self.writes(actions) == [
            .method(channel: 0, .connection(.tuneOk(channelMax: 100, frameMax: 8192, heartbeat: 5))),
            .method(channel: 0, .connection(.open(virtualHost: "/"))),
        ])
        actions.removeAll()
        machine.received(.method(channel: 0, .connection(.openOk)), now: .now(), actions: &actions)
        guard case .handshakeComplete(let negotiated) = actions.first else { Issue.record("not complete"); return }
        #expect(negotiated == AMQPNegotiated(channelMax: 100, frameMax: 8192, heartbeat: 5))
    }

    @Test func zeroMeansNoLimitInNegotiation() {
        #expect(AMQPConnectionStateMachine.negotiate(UInt16(0), 60) == 60)
        #expect(AMQPConnectionStateMachine.negotiate(UInt16(30), 0) == 30)
        #expect(AMQPConnectionStateMachine.negotiate(UInt32(8192), 131_072) == 8192)
    }

    @Test func brokerRefusingLoginFailsTheHandshakeWithItsReplyCode() {
        var machine = AMQPConnectionStateMachine(options: Self.options)
        var actions: [AMQPAction] = []
        machine.connected(now: .now(), actions: &actions)
        machine.received(.method(channel: 0, .connection(.start(versionMajor: 0, versionMinor: 9, serverProperties: [:], mechanisms: "PLAIN",
                                                                 locales: "en_US"))), now: .now(), actions: &actions)
        actions.removeAll()
        machine.received(.method(channel: 0, .connection(.close(replyCode: 403, replyText: "ACCESS_REFUSED", classID: 10, methodID: 11))),
                         now: .now(), actions: &actions)
        #expect(Self.writes(actions) == [.method(channel: 0, .connection(.closeOk))])
        guard case .closeSocket(let error?) = actions.last else { Issue.record("socket not closed"); return }
        #expect(error.code == .handshakeFailed)
        #expect(error.replyCode == 403)
        #expect(error.replyText == "ACCESS_REFUSED")
    }

    @Test func heartbeatsAreSentWhenIdleAndASilentBrokerIsDeadAfterTwoIntervals() {
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        var machine = openMachine(now: start)  // negotiated heartbeat: 10 s
        var actions: [AMQPAction] = []
        machine.heartbeatTick(now: start + .seconds(4), actions: &actions)
        #expect(Self.writes(actions).isEmpty)
        machine.heartbeatTick(now: start + .seconds(5), actions: &actions)
        #expect(Self.writes(actions) == [.heartbeat])
        machine.wrote(now: start + .seconds(5))
        actions.removeAll()
        machine.received(.heartbeat, now: start + .seconds(9), actions: &actions)
        machine.heartbeatTick(now: start + .seconds(29), actions: &actions)
        guard case .closeSocket(let error?) = actions.last else { Issue.record("not closed: \(actions)"); return }
        #expect(error.code == .heartbeatTimeout)
    }

    @Test func synchronousMethodsGoOutOneAtATime() throws {
        var machine = openMachine()
        _ = openChannel(&machine)
        var actions: [AMQPAction] = []
        let first = loop.makePromise(of: AMQPReply.self), second = loop.makePromise(of: AMQPReply.self)
        let declare = AMQPMethod.queue(.declare(queue: "q", passive: false, durable: true, exclusive: false, autoDelete: false, noWait: false, arguments: [:]))
        let bind = AMQPMethod.queue(.bind(queue: "q", exchange: "e", routingKey: "", noWait: false, arguments: [:]))
        try machine.withChannel(1) { $0.send(declare, promise: first, actions: &actions) }
        try machine.withChannel(1) { $0.send(bind, promise: second, actions: &actions) }
        #expect(Self.writes(actions) == [.method(channel: 1, declare)])
        actions.removeAll()
        machine.received(.method(channel: 1, .queue(.declareOk(queue: "q", messageCount: 0, consumerCount: 0))), now: .now(), actions: &actions)
        #expect(Self.writes(actions) == [.method(channel: 1, bind)])
        run(actions)
        #expect(try first.futureResult.wait().method == .queue(.declareOk(queue: "q", messageCount: 0, consumerCount: 0)))
        second.fail(AMQPError.connectionClosed())
    }

    @Test func bodiesAreSplitByFrameMax() throws {
        var machine = openMachine()  // frame_max 8192
        _ = openChannel(&machine)
        var actions: [AMQPAction] = []
        let body = ByteBuffer(repeating: 7, count: 20_000)
        machine.publish(channel: 1, exchange: "", routingKey: "q", mandatory: false, properties: .init(), body: body, promise: nil, actions: &actions)
        let sizes = Self.writes(actions).compactMap { if case .body(_, let b) = $0 { b.readableBytes } else { nil } }
        #expect(sizes == [8184, 8184, 3632])
    }

    @Test func contentSplitAcrossFramesIsReassembledForAConsumer() throws {
        var machine = openMachine()
        _ = openChannel(&machine)
        let (stream, sink) = AsyncThrowingStream.makeStream(of: AMQPIncomingDelivery.self)
        var actions: [AMQPAction] = []
        let consume = AMQPMethod.basic(.consume(queue: "q", consumerTag: "c1", noLocal: false, noAck: false, exclusive: false, noWait: false, arguments: [:]))
        try machine.withChannel(1) { $0.consume(consume, consumerTag: "c1", sink: sink, promise: loop.makePromise(), actions: &actions) }
        actions.removeAll()
        let frames: [AMQPFrame] = [
            .method(channel: 1, .basic(.consumeOk(consumerTag: "c1"))),
            .method(channel: 1, .basic(.deliver(consumerTag: "c1", deliveryTag: 1, redelivered: false, exchange: "", routingKey: "q"))),
            .header(channel: 1, classID: 60, bodySize: 6, properties: .init(contentType: "text/plain")),
            .body(channel: 1, ByteBuffer(string: "hel")), .body(channel: 1, ByteBuffer(string: "lo!")),
        ]
        for frame in frames { machine.received(frame, now: .now(), actions: &actions) }
        let deliveries = actions.compactMap { if case .deliver(_, let content) = $0 { content } else { nil } }
        #expect(deliveries.count == 1)
        #expect(deliveries.first.map { String(buffer: $0.body) } == "hello!")
        #expect(deliveries.first?.properties.contentType == "text/plain")
        run(actions)
        _ = stream
    }

    @Test func confirmsSettleSingleAndMultipleAcksAndNacks() throws {
        var machine = try confirmingMachine()
        var actions: [AMQPAction] = []
        let promises = (1...5).map { _ in loop.makePromise(of: Void.self) }
        for promise in promises {
            machine.publish(channel: 1, exchange: "", routingKey: "q", mandatory: false, properties: .init(), body: ByteBuffer(string: "x"),
                            promise: promise, actions: &actions)
        }
        run(actions)
        actions.removeAll()
        let box = TestBox<[Int: Bool]>([:])
        for (index, promise) in promises.enumerated() {
            promise.futureResult.whenComplete { result in box.mutex.withLock { $0[index + 1] = (try? result.get()) != nil } }
        }
        machine.received(.method(channel: 1, .basic(.ack(deliveryTag: 2, multiple: true))), now: .now(), actions: &actions)
        machine.received(.method(channel: 1, .basic(.nack(deliveryTag: 4, multiple: false, requeue: false))), now: .now(), actions: &actions)
        machine.received(.method(channel: 1, .basic(.ack(deliveryTag: 3, multiple: false))), now: .now(), actions: &actions)
        run(actions)
        #expect(box.value == [1: true, 2: true, 3: true, 4: false])
        #expect(machine.channels[1]?.unconfirmedCount == 1)
        actions.removeAll()
        machine.lost(.connectionClosed("socket reset"), actions: &actions)
        run(actions)
        #expect(box.value[5] == false)
        #expect { try promises[4].futureResult.wait() } throws: { ($0 as? AMQPError)?.code == .publishUnconfirmed }
    }

    @Test func brokerChannelExceptionFailsTheCallWithReplyCodeAndText() throws {
        var machine = openMachine()
        _ = openChannel(&machine)
        var actions: [AMQPAction] = []
        let promise = loop.makePromise(of: AMQPReply.self)
        try machine.withChannel(1) { $0.send(.queue(.declare(queue: "missing", passive: true, durable: false, exclusive: false, autoDelete: false,
                                                             noWait: false, arguments: [:])), promise: promise, actions: &actions) }
        actions.removeAll()
        machine.received(.method(channel: 1, .channel(.close(replyCode: 404, replyText: "NOT_FOUND - no queue 'missing'", classID: 50, methodID: 10))),
                         now: .now(), actions: &actions)
        #expect(Self.writes(actions) == [.method(channel: 1, .channel(.closeOk))])
        run(actions)
        #expect { try promise.futureResult.wait() } throws: { error in
            let error = error as? AMQPError
            return error?.code == .channelClosedByBroker && error?.replyCode == 404 && error?.replyText == "NOT_FOUND - no queue 'missing'"
        }
        #expect(machine.channels[1] == nil)
    }

    @Test func blockedAndUnblockedAreReported() {
        var machine = openMachine()
        var actions: [AMQPAction] = []
        machine.received(.method(channel: 0, .connection(.blocked(reason: "low on memory"))), now: .now(), actions: &actions)
        machine.received(.method(channel: 0, .connection(.unblocked)), now: .now(), actions: &actions)
        guard case .blocked("low on memory") = actions.first, case .blocked(nil) = actions.last else { Issue.record("\(actions)"); return }
    }

    @Test func cleanCloseWaitsForCloseOk() {
        var machine = openMachine()
        var actions: [AMQPAction] = []
        machine.close(actions: &actions)
        #expect(Self.writes(actions) == [.method(channel: 0, .connection(.close(replyCode: 200, replyText: "Goodbye", classID: 0, methodID: 0)))])
        actions.removeAll()
        machine.received(.method(channel: 0, .connection(.closeOk)), now: .now(), actions: &actions)
        guard case .closeSocket(nil) = actions.last else { Issue.record("\(actions)"); return }
    }
}

import NIOCore

/// The connection as a pure state machine: handshake (PLAIN, tune negotiation), heartbeats both ways,
/// blocked/unblocked, close in both directions, and routing of frames to per-channel machines.
struct AMQPConnectionStateMachine {
    /// What we ask for; the broker's smaller non-zero values win.
    struct Options {
        var user: String
        var password: String
        var virtualHost: String
        var channelMax: UInt16
        var frameMax: UInt32
        var heartbeat: UInt16
        var connectionName: String?
    }

    enum State {
        case idle
        case awaitingStart
        case awaitingTune
        case awaitingOpenOk(AMQPNegotiated)
        case open(AMQPNegotiated)
        case closing(AMQPError?)
        case closed
    }

    private(set) var state = State.idle
    private let options: Options
    private(set) var channels: [UInt16: AMQPChannelStateMachine] = [:]
    private var lastReceived: NIODeadline = .now()
    private var lastSent: NIODeadline = .now()

    init(options: Options) { self.options = options }

    /// The negotiated parameters once tuned.
    var negotiated: AMQPNegotiated? {
        switch state {
        case .awaitingOpenOk(let n), .open(let n): return n
        default: return nil
        }
    }

    // MARK: Socket events

    /// TCP is up: say hello.
    mutating func connected(now: NIODeadline, actions: inout [AMQPAction]) {
        guard case .idle = state else { return }
        state = .awaitingStart
        lastReceived = now
        lastSent = now
        actions.append(.sendProtocolHeader)
    }

    /// Every write counts as a sign of life for the broker's heartbeat check.
    mutating func wrote(now: NIODeadline) { lastSent = now }

    /// Called every half heartbeat interval: send a heartbeat when idle, give up on a silent broker.
    mutating func heartbeatTick(now: NIODeadline, actions: inout [AMQPAction]) {
        guard let negotiated, negotiated.heartbeat > 0 else { return }
        let interval = TimeAmount.seconds(Int64(negotiated.heartbeat))
        // Two missed intervals means the peer is gone (the spec's recommendation, and the bound).
        if now - lastReceived >= interval * 2 {
            let error = AMQPError(code: .heartbeatTimeout,
                                  message: "no data from the broker for \(negotiated.heartbeat * 2) s (two heartbeat intervals)")
            lost(error, actions: &actions)
            return
        }
        if now - lastSent >= TimeAmount.nanoseconds(interval.nanoseconds / 2) {
            actions.append(.write(.heartbeat))
        }
    }

    /// The socket closed or failed: fail everything that waits.
    mutating func lost(_ error: AMQPError, actions: inout [AMQPAction]) {
        switch state {
        case .closed: return
        case .closing(let pending):
            // We were closing: a close initiated by us ends cleanly.
            failChannels(pending ?? error, actions: &actions)
            state = .closed
            actions.append(.closeSocket(pending))
        default:
            failChannels(error, actions: &actions)
            state = .closed
            actions.append(.closeSocket(error))
        }
    }

    // MARK: Requests from the API

    /// Opens channel `id`.
    mutating func openChannel(_ id: UInt16, promise: EventLoopPromise<Void>, actions: inout [AMQPAction]) {
        guard case .open(let negotiated) = state else { return actions.append(.fail(promise, .connectionClosed())) }
        guard id > 0, negotiated.channelMax == 0 || id <= negotiated.channelMax, channels[id] == nil else {
            return actions.append(.fail(promise, .invalidState("channel id \(id) is in use or above channel_max \(negotiated.channelMax)")))
        }
        channels[id] = AMQPChannelStateMachine(id: id, openPromise: promise, actions: &actions)
    }

    /// Runs `body` on channel `id`, or reports that it is gone.
    mutating func withChannel<R>(_ id: UInt16, _ body: (inout AMQPChannelStateMachine) throws(AMQPError) -> R) throws(AMQPError) -> R {
        guard case .open = state else { throw .connectionClosed() }
        guard channels[id] != nil else { throw .invalidState("channel \(id) is not open") }
        // In place: a copy would share the channel's buffers and copy them all on the first write (O(window) per publish).
        return try body(&channels[id]!)
    }

    /// Publishes one message on channel `id`, splitting the body by the negotiated frame_max.
    mutating func publish(channel id: UInt16, exchange: String, routingKey: String, mandatory: Bool, properties: AMQPBasicProperties,
                          body: ByteBuffer, promise: EventLoopPromise<Void>?, actions: inout [AMQPAction]) {
        let message = AMQPOutboundMessage(body, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties)
        publish(channel: id, CollectionOfOne(message), promise: promise, actions: &actions)
    }

    /// Publishes messages on channel `id` under one promise, splitting bodies by the negotiated frame_max.
    mutating func publish(channel id: UInt16, _ messages: some Collection<AMQPOutboundMessage>, promise: EventLoopPromise<Void>?,
                          actions: inout [AMQPAction]) {
        let frameMax = negotiated.map { $0.frameMax == 0 ? UInt32(1 << 17) : $0.frameMax } ?? AMQPFrame.minimumFrameMax
        do {
            try withChannel(id) { channel in channel.publish(messages, frameMax: frameMax, promise: promise, actions: &actions) }
        } catch {
            if let promise { actions.append(.fail(promise, error)) }
        }
    }

    /// Starts a clean close of the whole connection.
    mutating func close(actions: inout [AMQPAction]) {
        switch state {
        case .open, .awaitingOpenOk:
            state = .closing(nil)
            actions.append(.write(.method(channel: 0, .connection(.close(replyCode: 200, replyText: "Goodbye", classID: 0, methodID: 0)))))
        case .idle, .awaitingStart, .awaitingTune:
            lost(.connectionClosed("closed during the handshake"), actions: &actions)
        case .closing, .closed:
            break
        }
    }

    // MARK: Frames from the broker

    /// Handles one decoded frame.
    mutating func received(_ frame: AMQPFrame, now: NIODeadline, actions: inout [AMQPAction]) {
        lastReceived = now
        do throws(AMQPError) {
            if case .heartbeat = frame { return }
            if frame.channel == 0 {
                guard case .method(_, .connection(let method)) = frame else { throw .malformed("non-connection frame on channel 0") }
                try received(method, actions: &actions)
                return
            }
            guard case .open = state, channels[frame.channel] != nil else {
                // Late frames for a channel we already forgot (e.g. close-ok after a crossing close) are harmless.
                return
            }
            let stillOpen = try channels[frame.channel]!.received(frame, actions: &actions)  // In place, as in withChannel.
            if !stillOpen { channels[frame.channel] = nil }
        } catch {
            // A frame we cannot make sense of: tell the broker why and drop the connection (spec: 505/501 are hard errors).
            actions.append(.write(.method(channel: 0, .connection(.close(replyCode: 505, replyText: "UNEXPECTED_FRAME", classID: 0, methodID: 0)))))
            lost(error, actions: &actions)
        }
    }

    private mutating func received(_ method: AMQPMethod.Connection, actions: inout [AMQPAction]) throws(AMQPError) {
        switch (state, method) {
        case (.awaitingStart, .start(_, _, _, let mechanisms, _)):
            guard mechanisms.split(separator: " ").contains("PLAIN") else {
                throw AMQPError(code: .handshakeFailed, message: "the broker does not offer PLAIN authentication (offers: \(mechanisms))")
            }
            state = .awaitingTune
            actions.append(.write(.method(channel: 0, .connection(.startOk(clientProperties: clientProperties, mechanism: "PLAIN",
                                                                            response: "\u{0}\(options.user)\u{0}\(options.password)",
                                                                            locale: "en_US")))))
        case (.awaitingTune, .tune(let channelMax, let frameMax, let heartbeat)):
            let negotiated = AMQPNegotiated(channelMax: Self.negotiate(options.channelMax, channelMax),
                                            frameMax: Self.negotiate(options.frameMax, frameMax),
                                            heartbeat: Self.negotiate(options.heartbeat, heartbeat))
            state = .awaitingOpenOk(negotiated)
            actions.append(.write(.method(channel: 0, .connection(.tuneOk(channelMax: negotiated.channelMax, frameMax: negotiated.frameMax,
                                                                           heartbeat: negotiated.heartbeat)))))
            actions.append(.write(.method(channel: 0, .connection(.open(virtualHost: options.virtualHost)))))
        case (.awaitingOpenOk(let negotiated), .openOk):
            state = .open(negotiated)
            actions.append(.handshakeComplete(negotiated))
        case (_, .close(let code, let text, _, _)):
            actions.append(.write(.method(channel: 0, .connection(.closeOk))))
            let handshaking: Bool
            switch state {
            case .awaitingStart, .awaitingTune, .awaitingOpenOk: handshaking = true
            default: handshaking = false
            }
            let error = AMQPError(code: handshaking ? .handshakeFailed : .connectionClosedByBroker,
                                  message: "the broker closed the connection", replyCode: code, replyText: text)
            lost(error, actions: &actions)
        case (.closing, .closeOk):
            lost(.connectionClosed(), actions: &actions)
        case (.open, .blocked(let reason)):
            actions.append(.blocked(reason))
        case (.open, .unblocked):
            actions.append(.blocked(nil))
        case (.closing, _):
            break  // Everything but close-ok is ignored once we sent close.
        default:
            throw AMQPError.malformed("unexpected \(method) in state \(state)")
        }
    }

    private mutating func failChannels(_ error: AMQPError, actions: inout [AMQPAction]) {
        for id in channels.keys.sorted() { channels[id]?.failEverything(error, finishConsumers: false, actions: &actions) }
        channels.removeAll()
    }

    /// The lower of two limits, where 0 means "no limit".
    static func negotiate<T: FixedWidthInteger>(_ ours: T, _ theirs: T) -> T {
        if ours == 0 { return theirs }
        if theirs == 0 { return ours }
        return Swift.min(ours, theirs)
    }

    private var clientProperties: AMQPTable {
        var properties: AMQPTable = [
            "product": "Mercato AMQP",
            "platform": "Swift",
            "version": "0.1.0",
            "capabilities": .table([
                "publisher_confirms": true,
                "consumer_cancel_notify": true,
                "basic.nack": true,
                "connection.blocked": true,
                "exchange_exchange_bindings": true,
                "authentication_failure_close": true,
            ]),
        ]
        if let name = options.connectionName { properties["connection_name"] = .string(name) }
        return properties
    }
}

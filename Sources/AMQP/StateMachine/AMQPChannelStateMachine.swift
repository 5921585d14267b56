import NIOCore

/// One AMQP channel: its lifecycle, the queue of synchronous methods (one in flight, as the protocol
/// requires), content assembly, publisher-confirm bookkeeping and consumers. Pure: returns actions.
struct AMQPChannelStateMachine {
    enum State {
        case opening(EventLoopPromise<Void>)
        case open
        case closing(EventLoopPromise<Void>?)
        case closed
    }

    /// Where an incoming content-bearing method is in its method → header → body sequence.
    enum Assembly {
        case idle
        case awaitingHeader(AMQPMethod)
        case awaitingBody(AMQPMethod, AMQPBasicProperties, expected: UInt64, body: ByteBuffer)
    }

    struct PendingRPC {
        var method: AMQPMethod
        var promise: EventLoopPromise<AMQPReply>
    }

    let id: UInt16
    private(set) var state: State
    private var assembly = Assembly.idle
    private var rpcs: [PendingRPC] = []
    private var rpcHead = 0
    private var rpcInFlight = false
    private(set) var confirmMode = false
    private var confirms = AMQPConfirmTracker()
    private(set) var consumers: [String: AMQPDeliverySink] = [:]

    /// A channel whose `channel.open` has been sent.
    init(id: UInt16, openPromise: EventLoopPromise<Void>, actions: inout [AMQPAction]) {
        self.id = id
        self.state = .opening(openPromise)
        actions.append(.write(.method(channel: id, .channel(.open))))
    }

    /// Number of publishes awaiting a broker confirm.
    var unconfirmedCount: Int { confirms.unsettled }

    // MARK: Requests from the API

    /// Queues a synchronous method; it is sent when the ones before it have been answered.
    mutating func send(_ method: AMQPMethod, promise: EventLoopPromise<AMQPReply>, actions: inout [AMQPAction]) {
        guard case .open = state else { return actions.append(.failReply(promise, .invalidState("channel \(id) is not open"))) }
        if case .confirm(.select) = method { confirmMode = true }
        rpcs.append(PendingRPC(method: method, promise: promise))
        sendNextRPCIfIdle(actions: &actions)
    }

    /// Registers a consumer before `basic.consume` goes out: deliveries may follow `consume-ok` at once.
    mutating func consume(_ method: AMQPMethod, consumerTag: String, sink: AMQPDeliverySink, promise: EventLoopPromise<AMQPReply>,
                          actions: inout [AMQPAction]) {
        guard case .open = state else { return actions.append(.failReply(promise, .invalidState("channel \(id) is not open"))) }
        consumers[consumerTag] = sink
        send(method, promise: promise, actions: &actions)
    }

    /// Writes a method that has no reply (ack, nack, reject).
    mutating func sendAsync(_ method: AMQPMethod, actions: inout [AMQPAction]) throws(AMQPError) {
        guard case .open = state else { throw .invalidState("channel \(id) is not open") }
        actions.append(.write(.method(channel: id, method)))
    }

    /// Writes each message as `basic.publish`, its header and its body split into frames of at most `frameMax`.
    /// In confirm mode `promise` completes once the broker has acked all of them (and fails if it nacked or returned
    /// any, see `AMQPConfirmTracker`); otherwise it completes once written.
    mutating func publish(_ messages: some Collection<AMQPOutboundMessage>, frameMax: UInt32, promise: EventLoopPromise<Void>?,
                          actions: inout [AMQPAction]) {
        guard case .open = state else {
            if let promise { actions.append(.fail(promise, .invalidState("channel \(id) is not open"))) }
            return
        }
        for message in messages { actions.append(.writePublish(channel: id, message, frameMax: frameMax)) }
        if confirmMode {
            confirms.track(messages, promise: promise, actions: &actions)
        } else if let promise {
            actions.append(.succeed(promise))
        }
    }

    /// Starts closing the channel from our side.
    mutating func close(promise: EventLoopPromise<Void>, actions: inout [AMQPAction]) {
        switch state {
        case .open, .opening:
            state = .closing(promise)
            actions.append(.write(.method(channel: id, .channel(.close(replyCode: 200, replyText: "OK", classID: 0, methodID: 0)))))
        case .closing, .closed:
            actions.append(.succeed(promise))
        }
    }

    // MARK: Frames from the broker

    /// Handles one frame for this channel. Returns false when the channel is finished and can be forgotten.
    mutating func received(_ frame: AMQPFrame, actions: inout [AMQPAction]) throws(AMQPError) -> Bool {
        switch (frame, assembly) {
        case (.method(_, let method), .idle):
            if method.carriesContent {
                assembly = .awaitingHeader(method)
                return true
            }
            return try received(method, actions: &actions)
        case (.header(_, _, let size, let properties), .awaitingHeader(let method)):
            if size == 0 {
                assembly = .idle
                complete(AMQPContent(method: method, properties: properties, body: ByteBuffer()), actions: &actions)
            } else {
                assembly = .awaitingBody(method, properties, expected: size, body: ByteBuffer())
            }
            return true
        case (.body(_, var piece), .awaitingBody(let method, let properties, let expected, var body)):
            // Copy out of the frame's slice so one large message doesn't pin many receive buffers.
            if body.capacity == 0 && UInt64(piece.readableBytes) == expected {
                body = piece
            } else {
                body.writeBuffer(&piece)
            }
            if UInt64(body.readableBytes) > expected { throw .malformed("body longer than its header announced") }
            if UInt64(body.readableBytes) == expected {
                assembly = .idle
                complete(AMQPContent(method: method, properties: properties, body: body), actions: &actions)
            } else {
                assembly = .awaitingBody(method, properties, expected: expected, body: body)
            }
            return true
        default:
            throw .malformed("unexpected frame \(frame) on channel \(id) while assembling content")
        }
    }

    private mutating func complete(_ content: AMQPContent, actions: inout [AMQPAction]) {
        switch content.method {
        case .basic(.deliver(let tag, _, _, _, _)):
            if let sink = consumers[tag] { actions.append(.deliver(sink, content)) }
        case .basic(.return):
            // Here, in frame order: the return precedes the ack of the same publish, which then fails.
            confirms.returned(AMQPReturnedMessage(content))
            actions.append(.returned(channel: id, content))
        default:
            completeRPC(AMQPReply(method: content.method, content: content), actions: &actions)
        }
    }

    private mutating func received(_ method: AMQPMethod, actions: inout [AMQPAction]) throws(AMQPError) -> Bool {
        switch method {
        case .channel(.openOk):
            guard case .opening(let promise) = state else { throw .malformed("channel.open-ok on channel \(id) that is not opening") }
            state = .open
            actions.append(.succeed(promise))
        case .channel(.close(let code, let text, _, _)):
            actions.append(.write(.method(channel: id, .channel(.closeOk))))
            let error = AMQPError(code: .channelClosedByBroker, message: "the broker closed channel \(id)", replyCode: code, replyText: text)
            failEverything(error, actions: &actions)
            return false
        case .channel(.closeOk):
            guard case .closing = state else { throw .malformed("channel.close-ok on channel \(id) that is not closing") }
            // We closed it: consumers end cleanly rather than with an error.
            for sink in consumers.values { actions.append(.finishConsumer(sink, nil)) }
            consumers.removeAll()
            failEverything(AMQPError(code: .channelClosed, message: "channel \(id) was closed"), actions: &actions)
            return false
        case .channel(.flow(let active)):
            // RabbitMQ no longer sends flow; answer per the spec.
            actions.append(.write(.method(channel: id, .channel(.flowOk(active: active)))))
        case .basic(.ack(let tag, let multiple)):
            confirms.settle(tag: tag, multiple: multiple, nacked: false, actions: &actions)
        case .basic(.nack(let tag, let multiple, _)):
            confirms.settle(tag: tag, multiple: multiple, nacked: true, actions: &actions)
        case .basic(.cancel(let tag, _)):
            // The broker cancels consumers whose queue went away (consumer_cancel_notify).
            if let sink = consumers.removeValue(forKey: tag) {
                actions.append(.finishConsumer(sink, AMQPError(code: .consumerCancelled, message: "the broker cancelled consumer \(tag)")))
            }
        case .basic(.cancelOk(let tag)):
            if let sink = consumers.removeValue(forKey: tag) { actions.append(.finishConsumer(sink, nil)) }
            completeRPC(AMQPReply(method: method, content: nil), actions: &actions)
        default:
            completeRPC(AMQPReply(method: method, content: nil), actions: &actions)
        }
        return true
    }

    private mutating func completeRPC(_ reply: AMQPReply, actions: inout [AMQPAction]) {
        guard rpcInFlight, rpcHead < rpcs.count else { return }
        let pending = rpcs[rpcHead]
        rpcHead += 1
        rpcInFlight = false
        if case .basic(.consumeOk) = reply.method, case .basic(.consume(_, let tag, _, _, _, _, _)) = pending.method, tag.isEmpty {
            // A server-named consumer: rename the sink registered under "".
            if case .basic(.consumeOk(let assigned)) = reply.method, let sink = consumers.removeValue(forKey: "") { consumers[assigned] = sink }
        }
        actions.append(.reply(pending.promise, reply))
        if rpcHead == rpcs.count { rpcs.removeAll(keepingCapacity: true); rpcHead = 0 }
        sendNextRPCIfIdle(actions: &actions)
    }

    private mutating func sendNextRPCIfIdle(actions: inout [AMQPAction]) {
        guard !rpcInFlight, rpcHead < rpcs.count else { return }
        rpcInFlight = true
        actions.append(.write(.method(channel: id, rpcs[rpcHead].method)))
    }

    /// Fails every waiting request and confirm; used when the channel or connection ends. Consumers are
    /// left to the async layer when the connection was lost, so recovery can re-attach them.
    mutating func failEverything(_ error: AMQPError, finishConsumers: Bool = true, actions: inout [AMQPAction]) {
        // First, so the async layer marks the channel closed before any waiter resumes with the error.
        actions.append(.channelClosed(id, error))
        for pending in rpcs[rpcHead...] { actions.append(.failReply(pending.promise, error)) }
        rpcs.removeAll()
        rpcHead = 0
        rpcInFlight = false
        let unconfirmedError = AMQPError(code: .publishUnconfirmed,
                                         message: "the channel ended before the broker confirmed the message; publish it again (\(error.message))",
                                         replyCode: error.replyCode, replyText: error.replyText)
        confirms.failAll(unconfirmedError, actions: &actions)
        if case .opening(let promise) = state { actions.append(.fail(promise, error)) }
        if case .closing(let promise?) = state { actions.append(.succeed(promise)) }
        if finishConsumers { for sink in consumers.values { actions.append(.finishConsumer(sink, error)) } }
        consumers.removeAll()
        state = .closed
    }
}

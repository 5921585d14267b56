import NIOCore

/// The thin NIO layer: feeds frames and commands to the state machine and carries out its actions.
final class AMQPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = AMQPFrame
    typealias OutboundIn = AMQPCommand
    typealias OutboundOut = ByteBuffer

    private var stateMachine: AMQPConnectionStateMachine
    private let events: AMQPConnectionEvents
    private let handshakePromise: EventLoopPromise<AMQPNegotiated>
    private var actions: [AMQPAction] = []
    private var outgoing: ByteBuffer
    private var heartbeatTask: RepeatedTask?
    private var context: ChannelHandlerContext?
    private let generation: Int

    init(options: AMQPConnectionStateMachine.Options, generation: Int = 0, handshakePromise: EventLoopPromise<AMQPNegotiated>,
         events: AMQPConnectionEvents) {
        self.generation = generation
        self.stateMachine = AMQPConnectionStateMachine(options: options)
        self.handshakePromise = handshakePromise
        self.events = events
        self.outgoing = ByteBuffer()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        outgoing = context.channel.allocator.buffer(capacity: 4096)
        if context.channel.isActive { channelActive(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        heartbeatTask?.cancel()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        stateMachine.connected(now: .now(), actions: &actions)
        run(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stateMachine.lost(.connectionClosed("the connection to the broker was lost"), actions: &actions)
        run(context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let amqpError = error as? AMQPError ?? AMQPError(code: .connectionClosed, message: "connection failed: \(error)")
        stateMachine.lost(amqpError, actions: &actions)
        run(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        stateMachine.received(unwrapInboundIn(data), now: .now(), actions: &actions)
        // Replies (close-ok, flow-ok, heartbeats) go out with channelReadComplete: one flush per read, not per frame.
        run(context: context, flush: false)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if outgoing.readableBytes > 0 { flushOutgoing(context: context) }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed()
        switch unwrapOutboundIn(data) {
        case .openChannel(let id, let promise):
            stateMachine.openChannel(id, promise: promise, actions: &actions)
        case .closeChannel(let id, let promise):
            do {
                try stateMachine.withChannel(id) { $0.close(promise: promise, actions: &actions) }
            } catch { actions.append(.succeed(promise)) }  // Already gone counts as closed.
        case .call(let id, let method, let promise):
            do {
                try stateMachine.withChannel(id) { $0.send(method, promise: promise, actions: &actions) }
            } catch { actions.append(.failReply(promise, error)) }
        case .consume(let id, let method, let tag, let sink, let promise):
            do {
                try stateMachine.withChannel(id) { $0.consume(method, consumerTag: tag, sink: sink, promise: promise, actions: &actions) }
            } catch { actions.append(.failReply(promise, error)) }
        case .send(let id, let method, let promise):
            do {
                try stateMachine.withChannel(id) { channel throws(AMQPError) in try channel.sendAsync(method, actions: &actions) }
                if let promise { actions.append(.succeed(promise)) }
            } catch { if let promise { actions.append(.fail(promise, error)) } }
        case .publish(let id, let exchange, let routingKey, let mandatory, let properties, let body, let promise):
            stateMachine.publish(channel: id, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties,
                                 body: body, promise: promise, actions: &actions)
        case .publishBatch(let id, let messages, let promise):
            stateMachine.publish(channel: id, messages, promise: promise, actions: &actions)
        case .closeConnection:
            stateMachine.close(actions: &actions)
        }
        // Publishes are not flushed one by one: the flush() that follows a batch of writes sends them together.
        run(context: context, flush: false)
    }

    func flush(context: ChannelHandlerContext) {
        flushOutgoing(context: context)
    }

    /// Carries out the queued actions in order.
    private func run(context: ChannelHandlerContext, flush: Bool = true) {
        // Take the batch out first: closing the socket below re-enters through channelInactive.
        var batch: [AMQPAction] = []
        swap(&batch, &actions)
        for action in batch {
            switch action {
            case .sendProtocolHeader:
                outgoing.writeBytes(AMQPFrame.protocolHeader)
            case .write(let frame):
                frame.encode(into: &outgoing)
            case .writePublish(let channel, let message, let frameMax):
                AMQPFrame.encodePublish(channel: channel, message, frameMax: frameMax, into: &outgoing)
            case .succeed(let promise): promise.succeed()
            case .fail(let promise, let error): promise.fail(error)
            case .reply(let promise, let reply): promise.succeed(reply)
            case .failReply(let promise, let error): promise.fail(error)
            case .deliver(let sink, let content): sink.yield(AMQPIncomingDelivery(content: content, generation: generation))
            case .finishConsumer(let sink, let error):
                if let error { sink.finish(throwing: error) } else { sink.finish() }
            case .returned(let channel, let content): events.returned(channel, content)
            case .handshakeComplete(let negotiated):
                startHeartbeats(context: context, negotiated: negotiated)
                handshakePromise.succeed(negotiated)
                events.handshakeComplete(negotiated)
            case .blocked(let reason): events.blocked(reason)
            case .channelClosed(let id, let error): events.channelClosed(id, error)
            case .closeSocket(let error):
                heartbeatTask?.cancel()
                heartbeatTask = nil
                handshakePromise.fail(error ?? .connectionClosed("closed during the handshake"))
                flushOutgoing(context: context)
                if context.channel.isActive { context.close(promise: nil) }
                events.connectionClosed(error)
            }
        }
        if actions.isEmpty {
            batch.removeAll(keepingCapacity: true)
            swap(&batch, &actions)
        }
        if flush { flushOutgoing(context: context) }
    }

    private func flushOutgoing(context: ChannelHandlerContext) {
        guard outgoing.readableBytes > 0 else {
            context.flush()
            return
        }
        stateMachine.wrote(now: .now())
        context.write(wrapOutboundOut(outgoing), promise: nil)
        outgoing = context.channel.allocator.buffer(capacity: 4096)
        context.flush()
    }

    private func startHeartbeats(context: ChannelHandlerContext, negotiated: AMQPNegotiated) {
        guard negotiated.heartbeat > 0 else { return }
        let period = TimeAmount.milliseconds(Int64(negotiated.heartbeat) * 500)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        heartbeatTask = context.eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
            let handler = loopBound.value
            guard let context = handler.context else { return }
            handler.stateMachine.heartbeatTick(now: .now(), actions: &handler.actions)
            handler.run(context: context)
        }
    }
}

@available(*, unavailable)
extension AMQPChannelHandler: Sendable {}

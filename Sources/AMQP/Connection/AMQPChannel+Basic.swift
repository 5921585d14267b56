import NIOCore

/// A publish on its way: wait on it for the broker's confirm (or, outside confirm mode, for the write).
public struct AMQPPublishConfirmation: Sendable {
    let future: EventLoopFuture<Void>

    /// Returns when confirmed; throws `.publishNacked`, `.publishReturned` (a `mandatory` message no queue received),
    /// or `.publishUnconfirmed` when the connection died first.
    public func confirmed() async throws { try await future.get() }
}

extension AMQPChannel {
    /// Publishes and, in confirm mode, waits for the broker's ack. A `mandatory` message the broker returns throws
    /// `.publishReturned`; returns are matched by `properties.messageID`, so give mandatory messages unique ids (a return
    /// without one fails every outstanding mandatory publish without one). The return also reaches `returnedMessages`.
    public func publish(_ body: ByteBuffer, exchange: String = "", routingKey: String, mandatory: Bool = false,
                        properties: AMQPBasicProperties = AMQPBasicProperties()) async throws {
        try await startPublish(body, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties).confirmed()
    }

    /// Publishes UTF-8 text.
    public func publish(_ text: String, exchange: String = "", routingKey: String, mandatory: Bool = false,
                        properties: AMQPBasicProperties = AMQPBasicProperties()) async throws {
        try await publish(ByteBuffer(string: text), exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties)
    }

    /// Publishes without waiting, so many publishes can await confirms at once (keep a window of them);
    /// publishes issued while the event loop is busy are written and flushed together.
    public func startPublish(_ body: ByteBuffer, exchange: String = "", routingKey: String, mandatory: Bool = false,
                             properties: AMQPBasicProperties = AMQPBasicProperties()) throws -> AMQPPublishConfirmation {
        let (outbox, _) = try outbox()
        let promise = outbox.channel.eventLoop.makePromise(of: Void.self)
        outbox.send(.publish(channel: id, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties,
                             body: body, promise))
        return AMQPPublishConfirmation(future: promise.futureResult)
    }

    /// Publishes several messages as one command (one event-loop hop, one promise); the confirmation covers them all and fails with
    /// `.publishNacked` if the broker nacked any, or `.publishReturned` if it returned a `mandatory` one (naming the positions;
    /// matched by message id, as for `publish`). Keep several batches in flight for throughput.
    public func startPublish(batch messages: [AMQPOutboundMessage]) throws -> AMQPPublishConfirmation {
        let (outbox, _) = try outbox()
        let promise = outbox.channel.eventLoop.makePromise(of: Void.self)
        outbox.send(.publishBatch(channel: id, messages, promise))
        return AMQPPublishConfirmation(future: promise.futureResult)
    }

    /// Starts a consumer on `queue`; iterate the result for deliveries. Tags are generated when not given.
    public func consume(queue: String, consumerTag: String? = nil, noAck: Bool = false, exclusive: Bool = false,
                        arguments: AMQPTable = [:]) async throws -> AMQPConsumer {
        let (nio, _) = try transport()
        let tag = state.withLock { state in
            state.consumerCounter += 1
            return consumerTag ?? "amqp-swift.\(id).\(state.consumerCounter)"
        }
        let (stream, sink) = AsyncThrowingStream.makeStream(of: AMQPIncomingDelivery.self)
        let record = ConsumerRecord(queue: queue, noAck: noAck, exclusive: exclusive, arguments: arguments, sink: sink)
        state.withLock { $0.consumers[tag] = record }
        sink.onTermination = { [weak self] termination in
            guard let self else { return }
            let wasActive = state.withLock { $0.consumers.removeValue(forKey: tag) != nil }
            // An iterator dropped by its task cancels the broker-side consumer so messages go elsewhere.
            if wasActive, case .cancelled = termination, let (nio, _) = try? transport() {
                let promise = nio.eventLoop.makePromise(of: AMQPReply.self)
                promise.futureResult.whenComplete { _ in }
                nio.writeAndFlush(AMQPCommand.call(channel: id, .basic(.cancel(consumerTag: tag, noWait: false)), promise))
                    .whenFailure { _ in promise.fail(AMQPError.connectionClosed()) }
            }
        }
        let method = AMQPMethod.basic(.consume(queue: queue, consumerTag: tag, noLocal: false, noAck: noAck, exclusive: exclusive,
                                               noWait: false, arguments: arguments))
        let promise = nio.eventLoop.makePromise(of: AMQPReply.self)
        nio.writeAndFlush(AMQPCommand.consume(channel: id, method, consumerTag: tag, sink, promise))
            .whenFailure { _ in promise.fail(AMQPError.connectionClosed()) }
        do {
            _ = try await promise.futureResult.get()
        } catch {
            state.withLock { _ = $0.consumers.removeValue(forKey: tag) }
            sink.finish(throwing: error)
            throw error
        }
        return AMQPConsumer(consumerTag: tag, channel: self, stream: stream)
    }

    /// Cancels a consumer; its sequence ends.
    public func cancel(consumerTag: String) async throws {
        _ = state.withLock { $0.consumers.removeValue(forKey: consumerTag) }
        _ = try await call(.basic(.cancel(consumerTag: consumerTag, noWait: false)))
    }

    /// Fetches one message synchronously, or nil when the queue is empty.
    public func get(queue: String, noAck: Bool = false) async throws -> AMQPDelivery? {
        let (_, generation) = try transport()
        let reply = try await call(.basic(.get(queue: queue, noAck: noAck)))
        guard let content = reply.content else { return nil }
        return AMQPDelivery(content: content, channel: self, generation: generation)
    }

    /// Acknowledges by tag (prefer `AMQPDelivery.ack()`, which refuses tags from a lost connection).
    public func ack(deliveryTag: UInt64, multiple: Bool = false) async throws {
        try await acknowledge(.basic(.ack(deliveryTag: deliveryTag, multiple: multiple)), generation: connection.generation)
    }

    /// Negatively acknowledges by tag.
    public func nack(deliveryTag: UInt64, multiple: Bool = false, requeue: Bool = true) async throws {
        try await acknowledge(.basic(.nack(deliveryTag: deliveryTag, multiple: multiple, requeue: requeue)), generation: connection.generation)
    }

    /// Rejects by tag.
    public func reject(deliveryTag: UInt64, requeue: Bool = true) async throws {
        try await acknowledge(.basic(.reject(deliveryTag: deliveryTag, requeue: requeue)), generation: connection.generation)
    }
}

import NIOCore

/// A message received from the broker (by a consumer or `basic.get`), acknowledgeable on its channel.
public struct AMQPDelivery: Sendable {
    /// The message body.
    public var body: ByteBuffer
    /// The content properties (headers, content type, …).
    public var properties: AMQPBasicProperties
    /// The exchange it was published to.
    public var exchange: String
    /// The routing key it was published with.
    public var routingKey: String
    /// The broker's tag for acknowledging it, valid on its channel only.
    public var deliveryTag: UInt64
    /// Whether it was delivered before and not acknowledged.
    public var redelivered: Bool
    /// Messages left in the queue (only for `get`).
    public var messageCount: UInt32?
    /// The channel it arrived on.
    public let channel: AMQPChannel
    let generation: Int

    /// The body as UTF-8 text.
    public var bodyString: String { String(buffer: body) }

    /// Acknowledges it (and, with `multiple`, every earlier one on the channel).
    public func ack(multiple: Bool = false) async throws {
        try await channel.acknowledge(.basic(.ack(deliveryTag: deliveryTag, multiple: multiple)), generation: generation)
    }

    /// Negatively acknowledges it; `requeue: false` sends it to the dead-letter exchange, if any.
    public func nack(multiple: Bool = false, requeue: Bool = true) async throws {
        try await channel.acknowledge(.basic(.nack(deliveryTag: deliveryTag, multiple: multiple, requeue: requeue)), generation: generation)
    }

    /// Rejects it; `requeue: false` sends it to the dead-letter exchange, if any.
    public func reject(requeue: Bool = true) async throws {
        try await channel.acknowledge(.basic(.reject(deliveryTag: deliveryTag, requeue: requeue)), generation: generation)
    }

    init(content: AMQPContent, channel: AMQPChannel, generation: Int) {
        self.body = content.body
        self.properties = content.properties
        self.channel = channel
        self.generation = generation
        switch content.method {
        case let .basic(.deliver(_, tag, redelivered, exchange, routingKey)):
            (deliveryTag, self.redelivered, self.exchange, self.routingKey, messageCount) = (tag, redelivered, exchange, routingKey, nil)
        case let .basic(.getOk(tag, redelivered, exchange, routingKey, count)):
            (deliveryTag, self.redelivered, self.exchange, self.routingKey, messageCount) = (tag, redelivered, exchange, routingKey, count)
        default:
            (deliveryTag, self.redelivered, self.exchange, self.routingKey, messageCount) = (0, false, "", "", nil)
        }
    }
}

/// An unroutable `mandatory` message the broker sent back.
public struct AMQPReturnedMessage: Sendable {
    /// Why (e.g. 312 NO_ROUTE).
    public var replyCode: UInt16
    /// The broker's words.
    public var replyText: String
    /// The exchange it was published to.
    public var exchange: String
    /// Its routing key.
    public var routingKey: String
    /// Its properties.
    public var properties: AMQPBasicProperties
    /// Its body.
    public var body: ByteBuffer

    init(_ content: AMQPContent) {
        if case let .basic(.return(code, text, exchange, key)) = content.method {
            (replyCode, replyText, self.exchange, routingKey) = (code, text, exchange, key)
        } else {
            (replyCode, replyText, exchange, routingKey) = (0, "", "", "")
        }
        properties = content.properties
        body = content.body
    }
}

/// What `queue.declare` answered.
public struct AMQPQueueInfo: Sendable, Hashable {
    /// The queue's name (server-generated when declared with "").
    public var name: String
    /// Ready messages.
    public var messageCount: UInt32
    /// Active consumers.
    public var consumerCount: UInt32
}

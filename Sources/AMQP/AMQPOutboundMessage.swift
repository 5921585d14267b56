import NIOCore

/// One message to publish, for `startPublish(batch:)`.
public struct AMQPOutboundMessage: Sendable {
    /// The message body.
    public var body: ByteBuffer
    /// The exchange ("" is the default exchange, which routes by queue name).
    public var exchange: String
    /// The routing key.
    public var routingKey: String
    /// Whether the broker returns it when no queue matches; in confirm mode that fails the confirmation with `.publishReturned`
    /// (returns are matched by `properties.messageID`: give mandatory messages unique ids).
    public var mandatory: Bool
    /// The content properties.
    public var properties: AMQPBasicProperties

    /// A message for `exchange` and `routingKey`.
    public init(_ body: ByteBuffer, exchange: String = "", routingKey: String, mandatory: Bool = false,
                properties: AMQPBasicProperties = AMQPBasicProperties()) {
        self.body = body
        self.exchange = exchange
        self.routingKey = routingKey
        self.mandatory = mandatory
        self.properties = properties
    }
}

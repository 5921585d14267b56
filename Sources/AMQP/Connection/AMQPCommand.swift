import NIOCore

/// What the async layer asks the channel handler to do; written into the NIO pipeline.
enum AMQPCommand: Sendable {
    case openChannel(UInt16, EventLoopPromise<Void>)
    case closeChannel(UInt16, EventLoopPromise<Void>)
    case call(channel: UInt16, AMQPMethod, EventLoopPromise<AMQPReply>)
    case consume(channel: UInt16, AMQPMethod, consumerTag: String, AMQPDeliverySink, EventLoopPromise<AMQPReply>)
    case send(channel: UInt16, AMQPMethod, EventLoopPromise<Void>?)
    case publish(channel: UInt16, exchange: String, routingKey: String, mandatory: Bool, properties: AMQPBasicProperties, body: ByteBuffer,
                 EventLoopPromise<Void>?)
    case publishBatch(channel: UInt16, [AMQPOutboundMessage], EventLoopPromise<Void>?)
    case closeConnection
}

/// Callbacks from the handler to the connection object, invoked on the event loop.
struct AMQPConnectionEvents: Sendable {
    var handshakeComplete: @Sendable (AMQPNegotiated) -> Void = { _ in }
    var blocked: @Sendable (String?) -> Void = { _ in }
    var returned: @Sendable (UInt16, AMQPContent) -> Void = { _, _ in }
    var channelClosed: @Sendable (UInt16, AMQPError) -> Void = { _, _ in }
    var connectionClosed: @Sendable (AMQPError?) -> Void = { _ in }
}

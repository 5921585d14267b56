import NIOCore

/// A message with its content, as assembled from method, header and body frames.
struct AMQPContent: Sendable {
    var method: AMQPMethod
    var properties: AMQPBasicProperties
    var body: ByteBuffer
}

/// The reply to a synchronous method: the reply method, plus content for `basic.get-ok`.
struct AMQPReply: Sendable {
    var method: AMQPMethod
    var content: AMQPContent?
}

/// A delivery tagged with the connection generation it arrived on (acks are only valid on that one).
struct AMQPIncomingDelivery: Sendable {
    var content: AMQPContent
    var generation: Int
}

/// Where a consumer's deliveries go; it outlives a connection so recovery can re-attach it.
typealias AMQPDeliverySink = AsyncThrowingStream<AMQPIncomingDelivery, any Error>.Continuation

/// What was negotiated in `connection.tune`.
struct AMQPNegotiated: Sendable, Hashable {
    var channelMax: UInt16
    var frameMax: UInt32
    var heartbeat: UInt16
}

/// What the state machines ask the channel handler to do. The machines never do I/O themselves.
enum AMQPAction {
    /// Write the protocol header (first bytes of a connection).
    case sendProtocolHeader
    /// Write a frame; the handler flushes once per event.
    case write(AMQPFrame)
    /// Write `basic.publish`, the content header and the body frames of one message.
    case writePublish(channel: UInt16, AMQPOutboundMessage, frameMax: UInt32)
    /// Complete a promise (channel opened, publish confirmed, …).
    case succeed(EventLoopPromise<Void>)
    /// Fail a promise.
    case fail(EventLoopPromise<Void>, AMQPError)
    /// Complete a synchronous method with its reply.
    case reply(EventLoopPromise<AMQPReply>, AMQPReply)
    /// Fail a synchronous method.
    case failReply(EventLoopPromise<AMQPReply>, AMQPError)
    /// Hand a delivery to a consumer.
    case deliver(AMQPDeliverySink, AMQPContent)
    /// End a consumer's sequence (nil: cleanly cancelled).
    case finishConsumer(AMQPDeliverySink, AMQPError?)
    /// An unroutable mandatory message came back.
    case returned(channel: UInt16, AMQPContent)
    /// The handshake is done; start heartbeats and apply frame_max.
    case handshakeComplete(AMQPNegotiated)
    /// The broker blocked (reason) or unblocked (nil) publishing.
    case blocked(String?)
    /// A channel ended (by the broker or by us); the async layer forgets it.
    case channelClosed(UInt16, AMQPError)
    /// Close the socket; the connection is over (nil: closed cleanly).
    case closeSocket(AMQPError?)
}

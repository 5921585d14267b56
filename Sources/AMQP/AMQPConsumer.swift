/// The deliveries of one consumer, as an async sequence. It survives reconnects (the consumer is
/// re-registered on the new connection) and ends when cancelled, when its channel closes, or when
/// the connection is closed for good (then by throwing the reason).
public struct AMQPConsumer: AsyncSequence, Sendable {
    /// Each element is one delivery.
    public typealias Element = AMQPDelivery

    /// The consumer tag.
    public let consumerTag: String
    /// The channel it consumes on.
    public let channel: AMQPChannel
    let stream: AsyncThrowingStream<AMQPIncomingDelivery, any Error>

    /// Iterates the deliveries.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<AMQPIncomingDelivery, any Error>.AsyncIterator
        let channel: AMQPChannel

        /// The next delivery, or nil once the consumer has ended.
        public mutating func next() async throws -> AMQPDelivery? {
            guard let incoming = try await base.next() else { return nil }
            return AMQPDelivery(content: incoming.content, channel: channel, generation: incoming.generation)
        }
    }

    /// Starts iterating.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), channel: channel) }

    /// Cancels the consumer on the broker; the sequence then ends.
    public func cancel() async throws { try await channel.cancel(consumerTag: consumerTag) }
}

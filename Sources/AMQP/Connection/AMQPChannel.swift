import NIOCore
import Synchronization

/// One AMQP channel: declare topology, publish (with confirms), consume, get and acknowledge.
/// Survives reconnects when recovery is enabled; ends when closed by us or by a broker exception.
public final class AMQPChannel: Sendable {
    struct ConsumerRecord {
        var queue: String
        var noAck: Bool
        var exclusive: Bool
        var arguments: AMQPTable
        var sink: AMQPDeliverySink
    }

    struct State {
        var closedError: AMQPError?
        var confirmMode = false
        var qos: AMQPMethod?
        var consumers: [String: ConsumerRecord] = [:]
        var consumerCounter = 0
    }

    /// The channel number.
    public let id: UInt16
    /// The connection it belongs to.
    public let connection: AMQPConnection
    let state = Mutex(State())

    init(id: UInt16, connection: AMQPConnection) {
        self.id = id
        self.connection = connection
    }

    /// Why the channel ended, if it has (e.g. the broker's 404 NOT_FOUND).
    public var closedError: AMQPError? { state.withLock { $0.closedError } }

    // MARK: Sending

    /// The NIO channel to write to, failing when this channel or the connection is unusable.
    func transport() throws(AMQPError) -> (any Channel, Int) {
        if let error = state.withLock({ $0.closedError }) { throw error }
        return try connection.currentChannel()
    }

    /// The outbox to queue commands in (batched writes), failing when this channel or the connection is unusable.
    func outbox() throws(AMQPError) -> (AMQPOutbox, Int) {
        if let error = state.withLock({ $0.closedError }) { throw error }
        return try connection.currentOutbox()
    }

    /// Sends a synchronous method and waits for its reply.
    func call(_ method: AMQPMethod) async throws -> AMQPReply {
        let (nio, _) = try transport()
        return try await Self.call(method, channel: id, on: nio)
    }

    static func call(_ method: AMQPMethod, channel id: UInt16, on nio: any Channel) async throws -> AMQPReply {
        let promise = nio.eventLoop.makePromise(of: AMQPReply.self)
        nio.writeAndFlush(AMQPCommand.call(channel: id, method, promise)).whenFailure { _ in promise.fail(AMQPError.connectionClosed()) }
        return try await promise.futureResult.get()
    }

    /// Sends ack/nack/reject, refusing tags from an earlier connection (the broker would close the channel for them).
    func acknowledge(_ method: AMQPMethod, generation: Int) async throws {
        let (outbox, current) = try outbox()
        guard current == generation else {
            throw AMQPError(code: .connectionClosed, message: "the delivery came over a connection that was lost; the broker redelivers it")
        }
        let promise = outbox.channel.eventLoop.makePromise(of: Void.self)
        outbox.send(.send(channel: id, method, promise))
        try await promise.futureResult.get()
    }

    // MARK: Channel

    /// Closes the channel; its consumers end.
    public func close() async throws {
        guard state.withLock({ $0.closedError == nil }) else { return }
        if let (nio, _) = try? connection.currentChannel() {
            let promise = nio.eventLoop.makePromise(of: Void.self)
            nio.writeAndFlush(AMQPCommand.closeChannel(id, promise)).whenFailure { _ in promise.succeed() }
            try await promise.futureResult.get()
        }
        connection.forget(channel: id)
        markClosed(AMQPError(code: .channelClosed, message: "channel \(id) was closed"), finishConsumers: true)
    }

    /// Asks the broker to pause (false) or resume (true) deliveries on this channel.
    public func flow(active: Bool) async throws {
        _ = try await call(.channel(.flow(active: active)))
    }

    /// Turns on publisher confirms: `publish` then waits for the broker's ack.
    public func confirmSelect() async throws {
        _ = try await call(.confirm(.select(noWait: false)))
        state.withLock { $0.confirmMode = true }
    }

    /// Limits unacknowledged deliveries to consumers on this channel (or the connection with `global`).
    public func qos(prefetchCount: UInt16, prefetchSize: UInt32 = 0, global: Bool = false) async throws {
        let method = AMQPMethod.basic(.qos(prefetchSize: prefetchSize, prefetchCount: prefetchCount, global: global))
        _ = try await call(method)
        state.withLock { $0.qos = method }
    }

    /// Records the end of the channel and, when asked, ends its consumers.
    func markClosed(_ error: AMQPError, finishConsumers: Bool = true) {
        let sinks = state.withLock { state -> [AMQPDeliverySink] in
            if state.closedError == nil { state.closedError = error }
            defer { state.consumers.removeAll() }
            return state.consumers.values.map(\.sink)
        }
        guard finishConsumers else { return }
        for sink in sinks {
            if error.code == .channelClosed { sink.finish() } else { sink.finish(throwing: error) }
        }
    }

    // MARK: Recovery

    /// Opens this channel again on a new connection and restores QoS and confirm mode.
    func reopen(on nio: any Channel) async throws {
        try await AMQPConnection.openChannel(id, on: nio)
        let (qos, confirmMode) = state.withLock { ($0.qos, $0.confirmMode) }
        if let qos { _ = try await Self.call(qos, channel: id, on: nio) }
        if confirmMode { _ = try await Self.call(.confirm(.select(noWait: false)), channel: id, on: nio) }
    }

    /// Re-registers every consumer with the same tag, feeding the same sequence.
    func restoreConsumers(on nio: any Channel) async throws {
        let consumers = state.withLock { $0.consumers }
        for (tag, record) in consumers.sorted(by: { $0.key < $1.key }) {
            let method = AMQPMethod.basic(.consume(queue: record.queue, consumerTag: tag, noLocal: false, noAck: record.noAck,
                                                   exclusive: record.exclusive, noWait: false, arguments: record.arguments))
            let promise = nio.eventLoop.makePromise(of: AMQPReply.self)
            nio.writeAndFlush(AMQPCommand.consume(channel: id, method, consumerTag: tag, record.sink, promise))
                .whenFailure { _ in promise.fail(AMQPError.connectionClosed()) }
            _ = try await promise.futureResult.get()
        }
    }
}

import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A connection to a RabbitMQ broker: opens channels, reconnects with backoff when the connection is lost
/// and then re-declares the recorded topology (exchanges, queues, bindings, QoS, confirm mode, consumers).
public final class AMQPConnection: Sendable {
    struct State {
        var nioChannel: (any Channel)?
        /// Batches writes to `nioChannel` (set with it).
        var outbox: AMQPOutbox?
        var generation = 0
        var negotiated: AMQPNegotiated?
        var channels: [UInt16: AMQPChannel] = [:]
        var nextChannelID: UInt16 = 1
        var topology = AMQPTopology()
        var closedError: AMQPError?
        var closing = false
        var recovering = false
        var blockedReason: String?
    }

    /// The settings this connection was made with.
    public let configuration: AMQPConfiguration
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let state = Mutex(State())
    private let returns: AsyncStream<AMQPReturnedMessage>.Continuation
    /// Unroutable `mandatory` messages the broker returned, from every channel (iterate once).
    public let returnedMessages: AsyncStream<AMQPReturnedMessage>

    private init(configuration: AMQPConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        (returnedMessages, returns) = AsyncStream.makeStream(of: AMQPReturnedMessage.self, bufferingPolicy: .bufferingNewest(1000))
    }

    /// Connects and completes the handshake; the first connection is not retried (a wrong address should fail fast).
    public static func connect(configuration: AMQPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                               logger: Logger = Logger(label: "amqp")) async throws -> AMQPConnection {
        let connection = AMQPConnection(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        try await connection.establish()
        return connection
    }

    /// The negotiated heartbeat, frame_max and channel_max.
    public var negotiatedHeartbeat: UInt16? { state.withLock { $0.negotiated?.heartbeat } }
    /// The negotiated frame_max.
    public var negotiatedFrameMax: UInt32? { state.withLock { $0.negotiated?.frameMax } }
    /// The negotiated channel_max.
    public var negotiatedChannelMax: UInt16? { state.withLock { $0.negotiated?.channelMax } }
    /// Why the broker blocked publishing (`connection.blocked`), or nil when not blocked.
    public var blockedReason: String? { state.withLock { $0.blockedReason } }
    /// Whether the connection is usable right now (false while reconnecting and after close).
    public var isConnected: Bool { state.withLock { $0.nioChannel != nil && !$0.recovering && $0.closedError == nil } }
    /// How many times a connection was established (1 after `connect`, +1 per recovery).
    public var connectionCount: Int { state.withLock { $0.generation } }

    /// Opens a new channel.
    public func openChannel() async throws -> AMQPChannel {
        let (id, nio) = try state.withLock { state throws(AMQPError) -> (UInt16, any Channel) in
            let nio = try state.usableChannel()
            let limit = state.negotiated.map { $0.channelMax == 0 ? UInt16.max : $0.channelMax } ?? 1
            for _ in 0..<Int(limit) {
                let candidate = state.nextChannelID
                state.nextChannelID = candidate >= limit ? 1 : candidate + 1
                if state.channels[candidate] == nil { return (candidate, nio) }
            }
            throw AMQPError.invalidState("all \(limit) channels are in use")
        }
        let channel = AMQPChannel(id: id, connection: self)
        state.withLock { $0.channels[id] = channel }
        do {
            try await Self.openChannel(id, on: nio)
        } catch {
            _ = state.withLock { $0.channels.removeValue(forKey: id) }
            throw error
        }
        return channel
    }

    /// Closes the connection cleanly (`connection.close`); consumers end, waiting operations fail.
    public func close() async throws {
        let nio = state.withLock { state -> (any Channel)? in
            state.closing = true
            return state.nioChannel
        }
        guard let nio else { return finish(.connectionClosed()) }
        nio.writeAndFlush(AMQPCommand.closeConnection, promise: nil)
        // A broker that never answers close-ok must not hang us.
        let timeout = nio.eventLoop.scheduleTask(in: .seconds(5)) { nio.close(promise: nil) }
        try? await nio.closeFuture.get()
        timeout.cancel()
        finish(.connectionClosed())
    }

    // MARK: Internals

    /// The NIO channel to send on, or the reason there is none.
    func currentChannel() throws(AMQPError) -> (any Channel, Int) {
        try state.withLock { state throws(AMQPError) in (try state.usableChannel(), state.generation) }
    }

    /// The outbox of the current NIO channel, or the reason there is none.
    func currentOutbox() throws(AMQPError) -> (AMQPOutbox, Int) {
        try state.withLock { state throws(AMQPError) in
            _ = try state.usableChannel()
            guard let outbox = state.outbox else { throw AMQPError.connectionClosed() }
            return (outbox, state.generation)
        }
    }

    var generation: Int { state.withLock { $0.generation } }

    func record(_ update: (inout AMQPTopology) -> Void) { state.withLock { update(&$0.topology) } }

    func forget(channel id: UInt16) { _ = state.withLock { $0.channels.removeValue(forKey: id) } }

    static func openChannel(_ id: UInt16, on nio: any Channel) async throws {
        let promise = nio.eventLoop.makePromise(of: Void.self)
        nio.writeAndFlush(AMQPCommand.openChannel(id, promise)).whenFailure { _ in promise.fail(AMQPError.connectionClosed()) }
        try await promise.futureResult.get()
    }

    /// Opens TCP, runs the handshake and installs the new channel as current.
    func establish() async throws {
        let generation = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        let eventLoop = eventLoopGroup.next()
        let handshake = eventLoop.makePromise(of: AMQPNegotiated.self)
        let options = configuration.stateMachineOptions
        let events = makeEvents(generation: generation)
        let nio: any Channel
        do {
            nio = try await ClientBootstrap(group: eventLoop)
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(configuration.connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AMQPFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(
                            AMQPChannelHandler(options: options, generation: generation, handshakePromise: handshake, events: events))
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            handshake.fail(error)
            throw AMQPError(code: .connectionClosed, message: "cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        let negotiated = try await handshake.futureResult.get()
        state.withLock { state in
            state.nioChannel = nio
            state.outbox = AMQPOutbox(channel: nio)
            state.negotiated = negotiated
        }
        logger.debug("AMQP connected", metadata: ["heartbeat": "\(negotiated.heartbeat)", "frame_max": "\(negotiated.frameMax)"])
    }

    private func makeEvents(generation: Int) -> AMQPConnectionEvents {
        var events = AMQPConnectionEvents()
        events.blocked = { [weak self] reason in self?.state.withLock { $0.blockedReason = reason } }
        events.returned = { [weak self] _, content in self?.returns.yield(AMQPReturnedMessage(content)) }
        events.channelClosed = { [weak self] id, error in
            guard let self else { return }
            // Only a broker- or user-initiated channel close ends an AMQPChannel; a lost connection is recovered.
            guard error.code == .channelClosedByBroker || error.code == .channelClosed else { return }
            let channel = state.withLock { state -> AMQPChannel? in
                guard state.generation == generation else { return nil }
                return state.channels.removeValue(forKey: id)
            }
            channel?.markClosed(error)
        }
        events.connectionClosed = { [weak self] error in self?.connectionLost(generation: generation, error: error) }
        return events
    }

    private func connectionLost(generation: Int, error: AMQPError?) {
        enum Next { case ignore, finish(AMQPError), recover }
        let next = state.withLock { state -> Next in
            guard state.generation == generation, !state.recovering else { return .ignore }
            state.nioChannel = nil
            if state.closing || configuration.recovery == nil { return .finish(error ?? .connectionClosed()) }
            state.recovering = true
            return .recover
        }
        switch next {
        case .ignore: return
        case .finish(let error): finish(error)
        case .recover:
            logger.warning("AMQP connection lost; reconnecting", metadata: ["error": "\(error.map { "\($0)" } ?? "closed")"])
            // Recovery outlives the event that started it; it stops when close() is called or attempts run out.
            Task { await self.recover() }
        }
    }

    /// Ends the connection for good: channels close, consumers end with `error`.
    func finish(_ error: AMQPError) {
        let channels = state.withLock { state -> [AMQPChannel] in
            if state.closedError == nil { state.closedError = error }
            state.nioChannel = nil
            state.recovering = false
            defer { state.channels.removeAll() }
            return Array(state.channels.values)
        }
        for channel in channels { channel.markClosed(error, finishConsumers: true) }
        returns.finish()
    }
}

extension AMQPConnection.State {
    func usableChannel() throws(AMQPError) -> any Channel {
        if let closedError { throw closedError }
        if closing { throw AMQPError.connectionClosed("the connection is closing") }
        guard let nioChannel, !recovering else { throw AMQPError.connectionClosed("the connection was lost and is being re-established; try again") }
        return nioChannel
    }
}

import NIOCore

extension AMQPConnection {
    /// Reconnects with exponential backoff, then re-opens channels and re-declares topology, QoS,
    /// confirm mode and consumers. Publishes that awaited confirms already failed with `.publishUnconfirmed`.
    func recover() async {
        guard let policy = configuration.recovery else { return }
        var delay = policy.initialBackoff
        var attempt = 0
        while true {
            attempt += 1
            try? await Task.sleep(for: delay)
            if state.withLock({ $0.closing }) { return finish(.connectionClosed()) }
            do {
                try await establish()
                try await restore()
                state.withLock { $0.recovering = false }
                logger.info("AMQP connection recovered", metadata: ["attempt": "\(attempt)"])
                return
            } catch {
                logger.warning("AMQP reconnect failed", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                // A half-restored connection is dropped; its loss is ignored because we are still recovering.
                let stale = state.withLock { state -> (any Channel)? in
                    defer { state.nioChannel = nil }
                    return state.nioChannel
                }
                stale?.close(promise: nil)
                if let maximum = policy.maximumAttempts, attempt >= maximum {
                    return finish(AMQPError(code: .connectionClosed, message: "gave up reconnecting after \(attempt) attempts: \(error)"))
                }
                delay = min(delay * 2, policy.maximumBackoff)
            }
        }
    }

    private func restore() async throws {
        let (nio, channels, topology) = try state.withLock { state throws(AMQPError) in
            guard let nio = state.nioChannel else { throw AMQPError.connectionClosed() }
            return (nio, state.channels.values.sorted { $0.id < $1.id }, state.topology)
        }
        for channel in channels { try await channel.reopen(on: nio) }
        // Topology goes through the first channel, or a temporary one when the application has none open.
        if !topology.entities.isEmpty {
            let temporary = channels.isEmpty
            let id = channels.first?.id ?? 1
            if temporary { try await Self.openChannel(id, on: nio) }
            for entity in topology.entities { _ = try await AMQPChannel.call(entity.method, channel: id, on: nio) }
            if temporary {
                let promise = nio.eventLoop.makePromise(of: Void.self)
                nio.writeAndFlush(AMQPCommand.closeChannel(id, promise), promise: nil)
                try await promise.futureResult.get()
            }
        }
        for channel in channels { try await channel.restoreConsumers(on: nio) }
    }
}

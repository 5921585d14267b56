extension AMQPChannel {
    /// Declares an exchange (`type`: direct, fanout, topic, headers, or a plugin's type).
    public func exchangeDeclare(_ name: String, type: String = "direct", durable: Bool = true, autoDelete: Bool = false,
                                internal isInternal: Bool = false, passive: Bool = false, arguments: AMQPTable = [:]) async throws {
        _ = try await call(.exchange(.declare(exchange: name, type: type, passive: passive, durable: durable, autoDelete: autoDelete,
                                              internal: isInternal, noWait: false, arguments: arguments)))
        if !passive {
            connection.record { $0.record(.exchange(name: name, type: type, durable: durable, autoDelete: autoDelete, internal: isInternal,
                                                    arguments: arguments)) }
        }
    }

    /// Deletes an exchange.
    public func exchangeDelete(_ name: String, ifUnused: Bool = false) async throws {
        _ = try await call(.exchange(.delete(exchange: name, ifUnused: ifUnused, noWait: false)))
        connection.record { $0.forgetExchange(name) }
    }

    /// Binds exchange `destination` to `source` (a RabbitMQ extension).
    public func exchangeBind(destination: String, source: String, routingKey: String, arguments: AMQPTable = [:]) async throws {
        _ = try await call(.exchange(.bind(destination: destination, source: source, routingKey: routingKey, noWait: false, arguments: arguments)))
        connection.record { $0.record(.exchangeBinding(destination: destination, source: source, routingKey: routingKey, arguments: arguments)) }
    }

    /// Removes an exchange-to-exchange binding.
    public func exchangeUnbind(destination: String, source: String, routingKey: String, arguments: AMQPTable = [:]) async throws {
        _ = try await call(.exchange(.unbind(destination: destination, source: source, routingKey: routingKey, noWait: false, arguments: arguments)))
        connection.record { $0.forget(.exchangeBinding(destination: destination, source: source, routingKey: routingKey, arguments: arguments)) }
    }

    /// Declares a queue. Arguments such as `x-dead-letter-exchange`, `x-dead-letter-routing-key`,
    /// `x-message-ttl` and `"x-queue-type": "quorum"` go in `arguments`. An empty name asks the broker for one.
    @discardableResult
    public func queueDeclare(_ name: String = "", durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
                             passive: Bool = false, arguments: AMQPTable = [:]) async throws -> AMQPQueueInfo {
        let reply = try await call(.queue(.declare(queue: name, passive: passive, durable: durable, exclusive: exclusive,
                                                   autoDelete: autoDelete, noWait: false, arguments: arguments)))
        guard case let .queue(.declareOk(assigned, messages, consumers)) = reply.method else {
            throw AMQPError.malformed("queue.declare answered with \(reply.method)")
        }
        if !passive {
            connection.record { $0.record(.queue(name: assigned, durable: durable, exclusive: exclusive, autoDelete: autoDelete, arguments: arguments)) }
        }
        return AMQPQueueInfo(name: assigned, messageCount: messages, consumerCount: consumers)
    }

    /// Binds a queue to an exchange.
    public func queueBind(queue: String, exchange: String, routingKey: String = "", arguments: AMQPTable = [:]) async throws {
        _ = try await call(.queue(.bind(queue: queue, exchange: exchange, routingKey: routingKey, noWait: false, arguments: arguments)))
        connection.record { $0.record(.queueBinding(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments)) }
    }

    /// Removes a queue binding.
    public func queueUnbind(queue: String, exchange: String, routingKey: String = "", arguments: AMQPTable = [:]) async throws {
        _ = try await call(.queue(.unbind(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments)))
        connection.record { $0.forget(.queueBinding(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments)) }
    }

    /// Removes every ready message from a queue; returns how many.
    @discardableResult
    public func queuePurge(_ name: String) async throws -> UInt32 {
        let reply = try await call(.queue(.purge(queue: name, noWait: false)))
        guard case let .queue(.purgeOk(count)) = reply.method else { throw AMQPError.malformed("queue.purge answered with \(reply.method)") }
        return count
    }

    /// Deletes a queue; returns how many messages it held.
    @discardableResult
    public func queueDelete(_ name: String, ifUnused: Bool = false, ifEmpty: Bool = false) async throws -> UInt32 {
        let reply = try await call(.queue(.delete(queue: name, ifUnused: ifUnused, ifEmpty: ifEmpty, noWait: false)))
        guard case let .queue(.deleteOk(count)) = reply.method else { throw AMQPError.malformed("queue.delete answered with \(reply.method)") }
        connection.record { $0.forgetQueue(name) }
        return count
    }
}

/// What has been declared through a connection, replayed in order after a reconnect.
struct AMQPTopology: Sendable {
    enum Entity: Sendable, Equatable {
        case exchange(name: String, type: String, durable: Bool, autoDelete: Bool, internal: Bool, arguments: AMQPTable)
        case queue(name: String, durable: Bool, exclusive: Bool, autoDelete: Bool, arguments: AMQPTable)
        case queueBinding(queue: String, exchange: String, routingKey: String, arguments: AMQPTable)
        case exchangeBinding(destination: String, source: String, routingKey: String, arguments: AMQPTable)

        var method: AMQPMethod {
            switch self {
            case let .exchange(name, type, durable, autoDelete, isInternal, arguments):
                return .exchange(.declare(exchange: name, type: type, passive: false, durable: durable, autoDelete: autoDelete,
                                          internal: isInternal, noWait: false, arguments: arguments))
            case let .queue(name, durable, exclusive, autoDelete, arguments):
                return .queue(.declare(queue: name, passive: false, durable: durable, exclusive: exclusive, autoDelete: autoDelete,
                                       noWait: false, arguments: arguments))
            case let .queueBinding(queue, exchange, routingKey, arguments):
                return .queue(.bind(queue: queue, exchange: exchange, routingKey: routingKey, noWait: false, arguments: arguments))
            case let .exchangeBinding(destination, source, routingKey, arguments):
                return .exchange(.bind(destination: destination, source: source, routingKey: routingKey, noWait: false, arguments: arguments))
            }
        }
    }

    private(set) var entities: [Entity] = []

    /// Records a declaration (once; a re-declaration replaces the earlier one in place).
    mutating func record(_ entity: Entity) {
        if let index = entities.firstIndex(where: { $0.sameIdentity(as: entity) }) {
            entities[index] = entity
        } else {
            entities.append(entity)
        }
    }

    /// Forgets a binding.
    mutating func forget(_ entity: Entity) { entities.removeAll { $0.sameIdentity(as: entity) } }

    /// Forgets a queue and its bindings.
    mutating func forgetQueue(_ name: String) {
        entities.removeAll {
            switch $0 {
            case .queue(let queue, _, _, _, _), .queueBinding(let queue, _, _, _): return queue == name
            default: return false
            }
        }
    }

    /// Forgets an exchange and the bindings that mention it.
    mutating func forgetExchange(_ name: String) {
        entities.removeAll {
            switch $0 {
            case .exchange(let exchange, _, _, _, _, _), .queueBinding(_, let exchange, _, _): return exchange == name
            case .exchangeBinding(let destination, let source, _, _): return destination == name || source == name
            default: return false
            }
        }
    }
}

extension AMQPTopology.Entity {
    func sameIdentity(as other: Self) -> Bool {
        switch (self, other) {
        case let (.exchange(a, _, _, _, _, _), .exchange(b, _, _, _, _, _)): return a == b
        case let (.queue(a, _, _, _, _), .queue(b, _, _, _, _)): return a == b
        case let (.queueBinding(q1, e1, k1, a1), .queueBinding(q2, e2, k2, a2)): return q1 == q2 && e1 == e2 && k1 == k2 && a1 == a2
        case let (.exchangeBinding(d1, s1, k1, a1), .exchangeBinding(d2, s2, k2, a2)): return d1 == d2 && s1 == s2 && k1 == k2 && a1 == a2
        default: return false
        }
    }
}

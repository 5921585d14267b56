import NIOCore

extension AMQPMethod {
    /// Class 50: queues.
    enum Queue: Sendable, Hashable {
        case declare(queue: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool, noWait: Bool, arguments: AMQPTable)
        case declareOk(queue: String, messageCount: UInt32, consumerCount: UInt32)
        case bind(queue: String, exchange: String, routingKey: String, noWait: Bool, arguments: AMQPTable)
        case bindOk
        case purge(queue: String, noWait: Bool)
        case purgeOk(messageCount: UInt32)
        case delete(queue: String, ifUnused: Bool, ifEmpty: Bool, noWait: Bool)
        case deleteOk(messageCount: UInt32)
        case unbind(queue: String, exchange: String, routingKey: String, arguments: AMQPTable)
        case unbindOk

        func encode(into b: inout ByteBuffer) {
            switch self {
            case let .declare(queue, passive, durable, exclusive, autoDelete, noWait, arguments):
                b.writeInteger(UInt16(10)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue)
                b.writeAMQPBits(passive, durable, exclusive, autoDelete, noWait); b.writeAMQPTable(arguments)
            case let .declareOk(queue, messages, consumers):
                b.writeInteger(UInt16(11)); b.writeAMQPShortString(queue); b.writeInteger(messages); b.writeInteger(consumers)
            case let .bind(queue, exchange, routingKey, noWait, arguments):
                b.writeInteger(UInt16(20)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPShortString(exchange)
                b.writeAMQPShortString(routingKey); b.writeAMQPBits(noWait); b.writeAMQPTable(arguments)
            case .bindOk: b.writeInteger(UInt16(21))
            case let .purge(queue, noWait):
                b.writeInteger(UInt16(30)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPBits(noWait)
            case let .purgeOk(messages): b.writeInteger(UInt16(31)); b.writeInteger(messages)
            case let .delete(queue, ifUnused, ifEmpty, noWait):
                b.writeInteger(UInt16(40)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPBits(ifUnused, ifEmpty, noWait)
            case let .deleteOk(messages): b.writeInteger(UInt16(41)); b.writeInteger(messages)
            case let .unbind(queue, exchange, routingKey, arguments):
                b.writeInteger(UInt16(50)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPShortString(exchange)
                b.writeAMQPShortString(routingKey); b.writeAMQPTable(arguments)
            case .unbindOk: b.writeInteger(UInt16(51))
            }
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Queue {
            switch methodID {
            case 10:
                _ = try b.readOrThrow(as: UInt16.self)
                let queue = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(5)
                return .declare(queue: queue, passive: bits[0], durable: bits[1], exclusive: bits[2], autoDelete: bits[3],
                                noWait: bits[4], arguments: try b.readAMQPTable())
            case 11: return .declareOk(queue: try b.readAMQPShortString(), messageCount: try b.readOrThrow(), consumerCount: try b.readOrThrow())
            case 20:
                _ = try b.readOrThrow(as: UInt16.self)
                let queue = try b.readAMQPShortString(), exchange = try b.readAMQPShortString(), key = try b.readAMQPShortString()
                return .bind(queue: queue, exchange: exchange, routingKey: key, noWait: try b.readAMQPBits(1)[0], arguments: try b.readAMQPTable())
            case 21: return .bindOk
            case 30:
                _ = try b.readOrThrow(as: UInt16.self)
                return .purge(queue: try b.readAMQPShortString(), noWait: try b.readAMQPBits(1)[0])
            case 31: return .purgeOk(messageCount: try b.readOrThrow())
            case 40:
                _ = try b.readOrThrow(as: UInt16.self)
                let queue = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(3)
                return .delete(queue: queue, ifUnused: bits[0], ifEmpty: bits[1], noWait: bits[2])
            case 41: return .deleteOk(messageCount: try b.readOrThrow())
            case 50:
                _ = try b.readOrThrow(as: UInt16.self)
                let queue = try b.readAMQPShortString(), exchange = try b.readAMQPShortString(), key = try b.readAMQPShortString()
                return .unbind(queue: queue, exchange: exchange, routingKey: key, arguments: try b.readAMQPTable())
            case 51: return .unbindOk
            default: throw .malformed("unknown method queue.\(methodID)")
            }
        }
    }
}

import NIOCore

extension AMQPMethod {
    /// Class 40: exchanges.
    enum Exchange: Sendable, Hashable {
        case declare(exchange: String, type: String, passive: Bool, durable: Bool, autoDelete: Bool, internal: Bool, noWait: Bool, arguments: AMQPTable)
        case declareOk
        case delete(exchange: String, ifUnused: Bool, noWait: Bool)
        case deleteOk
        case bind(destination: String, source: String, routingKey: String, noWait: Bool, arguments: AMQPTable)
        case bindOk
        case unbind(destination: String, source: String, routingKey: String, noWait: Bool, arguments: AMQPTable)
        case unbindOk

        func encode(into b: inout ByteBuffer) {
            switch self {
            case let .declare(exchange, type, passive, durable, autoDelete, isInternal, noWait, arguments):
                b.writeInteger(UInt16(10)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(exchange); b.writeAMQPShortString(type)
                b.writeAMQPBits(passive, durable, autoDelete, isInternal, noWait); b.writeAMQPTable(arguments)
            case .declareOk: b.writeInteger(UInt16(11))
            case let .delete(exchange, ifUnused, noWait):
                b.writeInteger(UInt16(20)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(exchange); b.writeAMQPBits(ifUnused, noWait)
            case .deleteOk: b.writeInteger(UInt16(21))
            case let .bind(destination, source, routingKey, noWait, arguments):
                b.writeInteger(UInt16(30)); Self.writeBinding(&b, destination, source, routingKey, noWait, arguments)
            case .bindOk: b.writeInteger(UInt16(31))
            case let .unbind(destination, source, routingKey, noWait, arguments):
                b.writeInteger(UInt16(40)); Self.writeBinding(&b, destination, source, routingKey, noWait, arguments)
            case .unbindOk: b.writeInteger(UInt16(51))
            }
        }

        private static func writeBinding(_ b: inout ByteBuffer, _ destination: String, _ source: String, _ routingKey: String,
                                         _ noWait: Bool, _ arguments: AMQPTable) {
            b.writeInteger(UInt16(0)); b.writeAMQPShortString(destination); b.writeAMQPShortString(source)
            b.writeAMQPShortString(routingKey); b.writeAMQPBits(noWait); b.writeAMQPTable(arguments)
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Exchange {
            switch methodID {
            case 10:
                _ = try b.readOrThrow(as: UInt16.self)
                let exchange = try b.readAMQPShortString(), type = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(5)
                return .declare(exchange: exchange, type: type, passive: bits[0], durable: bits[1], autoDelete: bits[2],
                                internal: bits[3], noWait: bits[4], arguments: try b.readAMQPTable())
            case 11: return .declareOk
            case 20:
                _ = try b.readOrThrow(as: UInt16.self)
                let exchange = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(2)
                return .delete(exchange: exchange, ifUnused: bits[0], noWait: bits[1])
            case 21: return .deleteOk
            case 30, 40:
                _ = try b.readOrThrow(as: UInt16.self)
                let destination = try b.readAMQPShortString(), source = try b.readAMQPShortString(), key = try b.readAMQPShortString()
                let noWait = try b.readAMQPBits(1)[0]
                let arguments = try b.readAMQPTable()
                return methodID == 30
                    ? .bind(destination: destination, source: source, routingKey: key, noWait: noWait, arguments: arguments)
                    : .unbind(destination: destination, source: source, routingKey: key, noWait: noWait, arguments: arguments)
            case 31: return .bindOk
            case 51: return .unbindOk
            default: throw .malformed("unknown method exchange.\(methodID)")
            }
        }
    }
}

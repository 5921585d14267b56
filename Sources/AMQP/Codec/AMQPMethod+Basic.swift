import NIOCore

extension AMQPMethod {
    /// Class 60: publishing, consuming and acknowledging messages.
    enum Basic: Sendable, Hashable {
        case qos(prefetchSize: UInt32, prefetchCount: UInt16, global: Bool)
        case qosOk
        case consume(queue: String, consumerTag: String, noLocal: Bool, noAck: Bool, exclusive: Bool, noWait: Bool, arguments: AMQPTable)
        case consumeOk(consumerTag: String)
        case cancel(consumerTag: String, noWait: Bool)
        case cancelOk(consumerTag: String)
        case publish(exchange: String, routingKey: String, mandatory: Bool, immediate: Bool)
        case `return`(replyCode: UInt16, replyText: String, exchange: String, routingKey: String)
        case deliver(consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
        case get(queue: String, noAck: Bool)
        case getOk(deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String, messageCount: UInt32)
        case getEmpty
        case ack(deliveryTag: UInt64, multiple: Bool)
        case reject(deliveryTag: UInt64, requeue: Bool)
        case recover(requeue: Bool)
        case recoverOk
        case nack(deliveryTag: UInt64, multiple: Bool, requeue: Bool)

        func encode(into b: inout ByteBuffer) {
            switch self {
            case let .qos(size, count, global):
                b.writeInteger(UInt16(10)); b.writeInteger(size); b.writeInteger(count); b.writeAMQPBits(global)
            case .qosOk: b.writeInteger(UInt16(11))
            case let .consume(queue, tag, noLocal, noAck, exclusive, noWait, arguments):
                b.writeInteger(UInt16(20)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPShortString(tag)
                b.writeAMQPBits(noLocal, noAck, exclusive, noWait); b.writeAMQPTable(arguments)
            case let .consumeOk(tag): b.writeInteger(UInt16(21)); b.writeAMQPShortString(tag)
            case let .cancel(tag, noWait): b.writeInteger(UInt16(30)); b.writeAMQPShortString(tag); b.writeAMQPBits(noWait)
            case let .cancelOk(tag): b.writeInteger(UInt16(31)); b.writeAMQPShortString(tag)
            case let .publish(exchange, routingKey, mandatory, immediate):
                b.writeInteger(UInt16(40)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(exchange)
                b.writeAMQPShortString(routingKey); b.writeAMQPBits(mandatory, immediate)
            case let .return(code, text, exchange, routingKey):
                b.writeInteger(UInt16(50)); b.writeInteger(code); b.writeAMQPShortString(text)
                b.writeAMQPShortString(exchange); b.writeAMQPShortString(routingKey)
            case let .deliver(tag, deliveryTag, redelivered, exchange, routingKey):
                b.writeInteger(UInt16(60)); b.writeAMQPShortString(tag); b.writeInteger(deliveryTag); b.writeAMQPBits(redelivered)
                b.writeAMQPShortString(exchange); b.writeAMQPShortString(routingKey)
            case let .get(queue, noAck):
                b.writeInteger(UInt16(70)); b.writeInteger(UInt16(0)); b.writeAMQPShortString(queue); b.writeAMQPBits(noAck)
            case let .getOk(deliveryTag, redelivered, exchange, routingKey, count):
                b.writeInteger(UInt16(71)); b.writeInteger(deliveryTag); b.writeAMQPBits(redelivered)
                b.writeAMQPShortString(exchange); b.writeAMQPShortString(routingKey); b.writeInteger(count)
            case .getEmpty: b.writeInteger(UInt16(72)); b.writeAMQPShortString("")
            case let .ack(tag, multiple): b.writeInteger(UInt16(80)); b.writeInteger(tag); b.writeAMQPBits(multiple)
            case let .reject(tag, requeue): b.writeInteger(UInt16(90)); b.writeInteger(tag); b.writeAMQPBits(requeue)
            case let .recover(requeue): b.writeInteger(UInt16(110)); b.writeAMQPBits(requeue)
            case .recoverOk: b.writeInteger(UInt16(111))
            case let .nack(tag, multiple, requeue): b.writeInteger(UInt16(120)); b.writeInteger(tag); b.writeAMQPBits(multiple, requeue)
            }
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Basic {
            switch methodID {
            case 10: return .qos(prefetchSize: try b.readOrThrow(), prefetchCount: try b.readOrThrow(), global: try b.readAMQPBits(1)[0])
            case 11: return .qosOk
            case 20:
                _ = try b.readOrThrow(as: UInt16.self)
                let queue = try b.readAMQPShortString(), tag = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(4)
                return .consume(queue: queue, consumerTag: tag, noLocal: bits[0], noAck: bits[1], exclusive: bits[2], noWait: bits[3],
                                arguments: try b.readAMQPTable())
            case 21: return .consumeOk(consumerTag: try b.readAMQPShortString())
            case 30: return .cancel(consumerTag: try b.readAMQPShortString(), noWait: try b.readAMQPBits(1)[0])
            case 31: return .cancelOk(consumerTag: try b.readAMQPShortString())
            case 40:
                _ = try b.readOrThrow(as: UInt16.self)
                let exchange = try b.readAMQPShortString(), key = try b.readAMQPShortString()
                let bits = try b.readAMQPBits(2)
                return .publish(exchange: exchange, routingKey: key, mandatory: bits[0], immediate: bits[1])
            case 50: return .return(replyCode: try b.readOrThrow(), replyText: try b.readAMQPShortString(),
                                    exchange: try b.readAMQPShortString(), routingKey: try b.readAMQPShortString())
            case 60: return .deliver(consumerTag: try b.readAMQPShortString(), deliveryTag: try b.readOrThrow(),
                                     redelivered: try b.readAMQPBits(1)[0], exchange: try b.readAMQPShortString(),
                                     routingKey: try b.readAMQPShortString())
            case 70:
                _ = try b.readOrThrow(as: UInt16.self)
                return .get(queue: try b.readAMQPShortString(), noAck: try b.readAMQPBits(1)[0])
            case 71: return .getOk(deliveryTag: try b.readOrThrow(), redelivered: try b.readAMQPBits(1)[0], exchange: try b.readAMQPShortString(),
                                   routingKey: try b.readAMQPShortString(), messageCount: try b.readOrThrow())
            case 72: _ = try b.readAMQPShortString(); return .getEmpty
            case 80: return .ack(deliveryTag: try b.readOrThrow(), multiple: try b.readAMQPBits(1)[0])
            case 90: return .reject(deliveryTag: try b.readOrThrow(), requeue: try b.readAMQPBits(1)[0])
            case 110: return .recover(requeue: try b.readAMQPBits(1)[0])
            case 111: return .recoverOk
            case 120:
                let tag: UInt64 = try b.readOrThrow()
                let bits = try b.readAMQPBits(2)
                return .nack(deliveryTag: tag, multiple: bits[0], requeue: bits[1])
            default: throw .malformed("unknown method basic.\(methodID)")
            }
        }
    }
}

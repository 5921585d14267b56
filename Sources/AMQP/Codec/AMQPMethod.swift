import NIOCore

/// One AMQP 0-9-1 method frame payload, grouped by class. Each family lives in its own file.
enum AMQPMethod: Sendable, Hashable {
    case connection(Connection)
    case channel(Channel)
    case exchange(Exchange)
    case queue(Queue)
    case basic(Basic)
    case confirm(Confirm)

    /// Whether a content header and body follow this method (publish, deliver, get-ok, return).
    var carriesContent: Bool {
        switch self {
        case .basic(.publish), .basic(.deliver), .basic(.getOk), .basic(.return): return true
        default: return false
        }
    }

    /// Writes class id, method id and arguments.
    func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .connection(let m): buffer.writeInteger(UInt16(10)); m.encode(into: &buffer)
        case .channel(let m): buffer.writeInteger(UInt16(20)); m.encode(into: &buffer)
        case .exchange(let m): buffer.writeInteger(UInt16(40)); m.encode(into: &buffer)
        case .queue(let m): buffer.writeInteger(UInt16(50)); m.encode(into: &buffer)
        case .basic(let m): buffer.writeInteger(UInt16(60)); m.encode(into: &buffer)
        case .confirm(let m): buffer.writeInteger(UInt16(85)); m.encode(into: &buffer)
        }
    }

    /// Reads a method payload (both directions, so a fake server in tests can use it too).
    static func decode(from buffer: inout ByteBuffer) throws(AMQPError) -> AMQPMethod {
        let classID: UInt16 = try buffer.readOrThrow()
        let methodID: UInt16 = try buffer.readOrThrow()
        switch classID {
        case 10: return .connection(try Connection.decode(methodID: methodID, from: &buffer))
        case 20: return .channel(try Channel.decode(methodID: methodID, from: &buffer))
        case 40: return .exchange(try Exchange.decode(methodID: methodID, from: &buffer))
        case 50: return .queue(try Queue.decode(methodID: methodID, from: &buffer))
        case 60: return .basic(try Basic.decode(methodID: methodID, from: &buffer))
        case 85: return .confirm(try Confirm.decode(methodID: methodID, from: &buffer))
        default: throw .malformed("unknown method class \(classID).\(methodID)")
        }
    }

    /// Class and method ids, used in `channel.close`/`connection.close` to name the failing method.
    var ids: (classID: UInt16, methodID: UInt16) {
        var buffer = ByteBuffer()
        encode(into: &buffer)
        return (buffer.readInteger() ?? 0, buffer.readInteger() ?? 0)
    }
}

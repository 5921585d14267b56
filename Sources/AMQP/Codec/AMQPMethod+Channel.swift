import NIOCore

extension AMQPMethod {
    /// Class 20: opening, closing and flow control of one channel.
    enum Channel: Sendable, Hashable {
        case open
        case openOk
        case flow(active: Bool)
        case flowOk(active: Bool)
        case close(replyCode: UInt16, replyText: String, classID: UInt16, methodID: UInt16)
        case closeOk

        func encode(into b: inout ByteBuffer) {
            switch self {
            case .open: b.writeInteger(UInt16(10)); b.writeAMQPShortString("")
            case .openOk: b.writeInteger(UInt16(11)); b.writeAMQPLongString("")
            case let .flow(active): b.writeInteger(UInt16(20)); b.writeAMQPBits(active)
            case let .flowOk(active): b.writeInteger(UInt16(21)); b.writeAMQPBits(active)
            case let .close(code, text, classID, methodID):
                b.writeInteger(UInt16(40)); b.writeInteger(code); b.writeAMQPShortString(text)
                b.writeInteger(classID); b.writeInteger(methodID)
            case .closeOk: b.writeInteger(UInt16(41))
            }
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Channel {
            switch methodID {
            case 10: _ = try b.readAMQPShortString(); return .open
            case 11: _ = try b.readAMQPLongString(); return .openOk
            case 20: return .flow(active: try b.readAMQPBits(1)[0])
            case 21: return .flowOk(active: try b.readAMQPBits(1)[0])
            case 40: return .close(replyCode: try b.readOrThrow(), replyText: try b.readAMQPShortString(),
                                   classID: try b.readOrThrow(), methodID: try b.readOrThrow())
            case 41: return .closeOk
            default: throw .malformed("unknown method channel.\(methodID)")
            }
        }
    }

    /// Class 85: publisher confirms.
    enum Confirm: Sendable, Hashable {
        case select(noWait: Bool)
        case selectOk

        func encode(into b: inout ByteBuffer) {
            switch self {
            case let .select(noWait): b.writeInteger(UInt16(10)); b.writeAMQPBits(noWait)
            case .selectOk: b.writeInteger(UInt16(11))
            }
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Confirm {
            switch methodID {
            case 10: return .select(noWait: try b.readAMQPBits(1)[0])
            case 11: return .selectOk
            default: throw .malformed("unknown method confirm.\(methodID)")
            }
        }
    }
}

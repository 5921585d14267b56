import NIOCore

extension AMQPMethod {
    /// Class 10: connection negotiation and shutdown.
    enum Connection: Sendable, Hashable {
        case start(versionMajor: UInt8, versionMinor: UInt8, serverProperties: AMQPTable, mechanisms: String, locales: String)
        case startOk(clientProperties: AMQPTable, mechanism: String, response: String, locale: String)
        case secure(challenge: String)
        case secureOk(response: String)
        case tune(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
        case tuneOk(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
        case open(virtualHost: String)
        case openOk
        case close(replyCode: UInt16, replyText: String, classID: UInt16, methodID: UInt16)
        case closeOk
        case blocked(reason: String)
        case unblocked

        func encode(into b: inout ByteBuffer) {
            switch self {
            case let .start(major, minor, properties, mechanisms, locales):
                b.writeInteger(UInt16(10)); b.writeInteger(major); b.writeInteger(minor)
                b.writeAMQPTable(properties); b.writeAMQPLongString(mechanisms); b.writeAMQPLongString(locales)
            case let .startOk(properties, mechanism, response, locale):
                b.writeInteger(UInt16(11)); b.writeAMQPTable(properties); b.writeAMQPShortString(mechanism)
                b.writeAMQPLongString(response); b.writeAMQPShortString(locale)
            case let .secure(challenge): b.writeInteger(UInt16(20)); b.writeAMQPLongString(challenge)
            case let .secureOk(response): b.writeInteger(UInt16(21)); b.writeAMQPLongString(response)
            case let .tune(channelMax, frameMax, heartbeat):
                b.writeInteger(UInt16(30)); b.writeInteger(channelMax); b.writeInteger(frameMax); b.writeInteger(heartbeat)
            case let .tuneOk(channelMax, frameMax, heartbeat):
                b.writeInteger(UInt16(31)); b.writeInteger(channelMax); b.writeInteger(frameMax); b.writeInteger(heartbeat)
            case let .open(virtualHost):
                // reserved-1 (capabilities) is an empty short string, reserved-2 (insist) a zero bit.
                b.writeInteger(UInt16(40)); b.writeAMQPShortString(virtualHost); b.writeAMQPShortString(""); b.writeAMQPBits(false)
            case .openOk: b.writeInteger(UInt16(41)); b.writeAMQPShortString("")
            case let .close(code, text, classID, methodID):
                b.writeInteger(UInt16(50)); b.writeInteger(code); b.writeAMQPShortString(text)
                b.writeInteger(classID); b.writeInteger(methodID)
            case .closeOk: b.writeInteger(UInt16(51))
            case let .blocked(reason): b.writeInteger(UInt16(60)); b.writeAMQPShortString(reason)
            case .unblocked: b.writeInteger(UInt16(61))
            }
        }

        static func decode(methodID: UInt16, from b: inout ByteBuffer) throws(AMQPError) -> Connection {
            switch methodID {
            case 10: return .start(versionMajor: try b.readOrThrow(), versionMinor: try b.readOrThrow(), serverProperties: try b.readAMQPTable(),
                                   mechanisms: try b.readAMQPLongString(), locales: try b.readAMQPLongString())
            case 11: return .startOk(clientProperties: try b.readAMQPTable(), mechanism: try b.readAMQPShortString(),
                                     response: try b.readAMQPLongString(), locale: try b.readAMQPShortString())
            case 20: return .secure(challenge: try b.readAMQPLongString())
            case 21: return .secureOk(response: try b.readAMQPLongString())
            case 30: return .tune(channelMax: try b.readOrThrow(), frameMax: try b.readOrThrow(), heartbeat: try b.readOrThrow())
            case 31: return .tuneOk(channelMax: try b.readOrThrow(), frameMax: try b.readOrThrow(), heartbeat: try b.readOrThrow())
            case 40:
                let virtualHost = try b.readAMQPShortString()
                _ = try b.readAMQPShortString()
                _ = try b.readAMQPBits(1)
                return .open(virtualHost: virtualHost)
            case 41: _ = try b.readAMQPShortString(); return .openOk
            case 50: return .close(replyCode: try b.readOrThrow(), replyText: try b.readAMQPShortString(),
                                   classID: try b.readOrThrow(), methodID: try b.readOrThrow())
            case 51: return .closeOk
            case 60: return .blocked(reason: try b.readAMQPShortString())
            case 61: return .unblocked
            default: throw .malformed("unknown method connection.\(methodID)")
            }
        }
    }
}

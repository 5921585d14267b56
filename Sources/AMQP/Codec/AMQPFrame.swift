import NIOCore

/// One AMQP frame: a method, a content header, a piece of body, or a heartbeat.
enum AMQPFrame: Sendable, Hashable {
    case method(channel: UInt16, AMQPMethod)
    case header(channel: UInt16, classID: UInt16, bodySize: UInt64, properties: AMQPBasicProperties)
    case body(channel: UInt16, ByteBuffer)
    case heartbeat

    /// The bytes a client sends before any frame: "AMQP" 0 0 9 1.
    static let protocolHeader: [UInt8] = Array("AMQP".utf8) + [0, 0, 9, 1]
    /// Type octet, channel and size before the payload, and the end octet after it.
    static let overhead = 8
    /// The octet every frame ends with.
    static let frameEnd: UInt8 = 0xCE
    /// The smallest frame_max a peer may ask for.
    static let minimumFrameMax: UInt32 = 4096

    /// The channel the frame belongs to (0 for connection-level frames).
    var channel: UInt16 {
        switch self {
        case .method(let channel, _), .header(let channel, _, _, _), .body(let channel, _): return channel
        case .heartbeat: return 0
        }
    }

    /// Appends the complete frame to `buffer`.
    func encode(into buffer: inout ByteBuffer) {
        let type: UInt8
        switch self {
        case .method: type = 1
        case .header: type = 2
        case .body: type = 3
        case .heartbeat: type = 8
        }
        buffer.writeInteger(type)
        buffer.writeInteger(channel)
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        switch self {
        case .method(_, let method): method.encode(into: &buffer)
        case let .header(_, classID, bodySize, properties):
            buffer.writeInteger(classID)
            buffer.writeInteger(UInt16(0))  // weight, unused
            buffer.writeInteger(bodySize)
            properties.encode(into: &buffer)
        case .body(_, var body): buffer.writeBuffer(&body)
        case .heartbeat: break
        }
        buffer.setInteger(UInt32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
        buffer.writeInteger(Self.frameEnd)
    }

    /// Parses one frame's payload once its type and channel are known.
    static func decode(type: UInt8, channel: UInt16, payload: inout ByteBuffer) throws(AMQPError) -> AMQPFrame {
        switch type {
        case 1:
            let method = try AMQPMethod.decode(from: &payload)
            return .method(channel: channel, method)
        case 2:
            let classID: UInt16 = try payload.readOrThrow()
            _ = try payload.readOrThrow(as: UInt16.self)
            let bodySize: UInt64 = try payload.readOrThrow()
            return .header(channel: channel, classID: classID, bodySize: bodySize, properties: try AMQPBasicProperties.decode(from: &payload))
        case 3: return .body(channel: channel, payload)
        case 8: return .heartbeat
        default: throw .malformed("unknown frame type \(type)")
        }
    }
}

import NIOCore

/// Splits the byte stream into frames. Pure codec: no channel state.
struct AMQPFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = AMQPFrame

    /// Frames larger than this are a protocol error (the negotiated frame_max; generous until tuned).
    var maximumFrameSize: UInt32 = 1 << 24

    mutating func decode(buffer: inout ByteBuffer) throws -> AMQPFrame? {
        // A broker that rejects our protocol version answers with its own header and closes.
        if buffer.readableBytes >= 8, buffer.getString(at: buffer.readerIndex, length: 4) == "AMQP" {
            let version = buffer.getBytes(at: buffer.readerIndex + 4, length: 4) ?? []
            throw AMQPError(code: .handshakeFailed, message: "the broker does not speak AMQP 0-9-1; it offered \(version)")
        }
        guard buffer.readableBytes >= 7,
              let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let channel = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt16.self),
              let size = buffer.getInteger(at: buffer.readerIndex + 3, as: UInt32.self) else { return nil }
        guard size <= maximumFrameSize else { throw AMQPError.malformed("frame of \(size) bytes exceeds frame_max \(maximumFrameSize)") }
        guard buffer.readableBytes >= 8 + Int(size) else { return nil }
        buffer.moveReaderIndex(forwardBy: 7)
        guard var payload = buffer.readSlice(length: Int(size)), let end = buffer.readInteger(as: UInt8.self) else { return nil }
        guard end == AMQPFrame.frameEnd else { throw AMQPError.malformed("frame does not end with 0xCE (got \(end))") }
        let frame = try AMQPFrame.decode(type: type, channel: channel, payload: &payload)
        if case .method = frame, payload.readableBytes > 0 {
            throw AMQPError.malformed("\(payload.readableBytes) unread bytes after method arguments")
        }
        return frame
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> AMQPFrame? {
        try decode(buffer: &buffer)
    }
}

/// Writes frames; used by tests' fake servers (the client handler encodes directly into one buffer per flush).
struct AMQPFrameEncoder: MessageToByteEncoder {
    typealias OutboundIn = AMQPFrame

    func encode(data: AMQPFrame, out: inout ByteBuffer) {
        data.encode(into: &out)
    }
}

import NIOCore

extension AMQPFrame {
    /// Appends `basic.publish`, its content header and the body in frames of at most `frameMax`, straight
    /// into `buffer`: the same bytes as encoding the three kinds of frame one by one, without building them.
    static func encodePublish(channel: UInt16, _ message: AMQPOutboundMessage, frameMax: UInt32, into buffer: inout ByteBuffer) {
        let bodySize = message.body.readableBytes
        let chunk = Int(frameMax) - overhead
        buffer.reserveCapacity(minimumWritableBytes: 64 + message.exchange.utf8.count + message.routingKey.utf8.count + bodySize
                                   + (bodySize / max(chunk, 1) + 1) * overhead)
        AMQPFrame.method(channel: channel, .basic(.publish(exchange: message.exchange, routingKey: message.routingKey,
                                                             mandatory: message.mandatory, immediate: false))).encode(into: &buffer)
        buffer.writeInteger(UInt8(2))
        buffer.writeInteger(channel)
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(UInt16(60))  // class basic
        buffer.writeInteger(UInt16(0))  // weight, unused
        buffer.writeInteger(UInt64(bodySize))
        message.properties.encode(into: &buffer)
        buffer.setInteger(UInt32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
        buffer.writeInteger(frameEnd)
        var offset = message.body.readerIndex
        let end = offset + bodySize
        while offset < end {
            let length = min(chunk, end - offset)
            buffer.writeInteger(UInt8(3))
            buffer.writeInteger(channel)
            buffer.writeInteger(UInt32(length))
            if let piece = message.body.getSlice(at: offset, length: length) { buffer.writeImmutableBuffer(piece) }
            buffer.writeInteger(frameEnd)
            offset += length
        }
    }
}

import NIOCore

extension ByteBuffer {
    /// Reads a big-endian integer or reports a truncated frame.
    mutating func readOrThrow<T: FixedWidthInteger>(as: T.Type = T.self) throws(AMQPError) -> T {
        guard let value = readInteger(as: T.self) else { throw .malformed("frame ends inside a \(T.self)") }
        return value
    }

    /// Writes a short string (one length octet); longer strings are cut at 255 bytes, the protocol's limit.
    mutating func writeAMQPShortString(_ string: String) {
        let count = string.utf8.count
        if count <= 255 {
            writeInteger(UInt8(count))
            writeString(string)
            return
        }
        let bytes = Array(string.utf8.prefix(255))
        writeInteger(UInt8(bytes.count))
        writeBytes(bytes)
    }

    /// Reads a short string.
    mutating func readAMQPShortString() throws(AMQPError) -> String {
        let length: UInt8 = try readOrThrow()
        guard let string = readString(length: Int(length)) else { throw .malformed("short string runs past its frame") }
        return string
    }

    /// Writes a long string (four length octets).
    mutating func writeAMQPLongString(_ string: String) {
        let sizeIndex = writerIndex
        writeInteger(UInt32(0))
        let written = writeString(string)
        setInteger(UInt32(written), at: sizeIndex)
    }

    /// Reads a long string.
    mutating func readAMQPLongString() throws(AMQPError) -> String {
        let length: UInt32 = try readOrThrow()
        guard let string = readString(length: Int(length)) else { throw .malformed("long string runs past its frame") }
        return string
    }

    /// Packs consecutive bit fields into octets, as the method grammar requires.
    mutating func writeAMQPBits(_ bits: Bool...) {
        var octet: UInt8 = 0
        for (index, bit) in bits.enumerated() where bit { octet |= 1 << UInt8(index) }
        writeInteger(octet)
    }

    /// Reads one octet of packed bit fields (`count` of them are defined).
    mutating func readAMQPBits(_ count: Int) throws(AMQPError) -> AMQPBits {
        AMQPBits(octet: try readOrThrow())
    }
}

/// One octet of packed bit fields; `bits[i]` is field i. A value, so decoding a delivery allocates nothing for it.
struct AMQPBits {
    var octet: UInt8

    subscript(index: Int) -> Bool { octet & (1 << UInt8(index)) != 0 }
}

import NIOCore

/// A value in an AMQP field table or field array, with RabbitMQ's type tags.
public enum AMQPFieldValue: Sendable, Hashable {
    /// `t`: boolean.
    case bool(Bool)
    /// `b`: signed 8-bit integer.
    case int8(Int8)
    /// `B`: unsigned 8-bit integer.
    case uint8(UInt8)
    /// `s`: signed 16-bit integer (RabbitMQ's reading of `s`).
    case int16(Int16)
    /// `u`: unsigned 16-bit integer.
    case uint16(UInt16)
    /// `I`: signed 32-bit integer.
    case int32(Int32)
    /// `i`: unsigned 32-bit integer.
    case uint32(UInt32)
    /// `l`: signed 64-bit integer.
    case int64(Int64)
    /// `f`: 32-bit float.
    case float(Float)
    /// `d`: 64-bit float.
    case double(Double)
    /// `D`: decimal, `value` × 10^-`scale`.
    case decimal(scale: UInt8, value: UInt32)
    /// `S`: long string (UTF-8).
    case string(String)
    /// `x`: byte array.
    case bytes([UInt8])
    /// `A`: array of values.
    case array([AMQPFieldValue])
    /// `T`: timestamp, seconds since the epoch.
    case timestamp(UInt64)
    /// `F`: nested table.
    case table(AMQPTable)
    /// `V`: no value.
    case void
}

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// A long string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A 64-bit integer (`l`), what RabbitMQ expects for `x-message-ttl` and similar arguments.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ByteBuffer {
    /// Writes one tagged field value.
    mutating func writeAMQPFieldValue(_ value: AMQPFieldValue) {
        switch value {
        case .bool(let v): writeInteger(UInt8(ascii: "t")); writeInteger(UInt8(v ? 1 : 0))
        case .int8(let v): writeInteger(UInt8(ascii: "b")); writeInteger(v)
        case .uint8(let v): writeInteger(UInt8(ascii: "B")); writeInteger(v)
        case .int16(let v): writeInteger(UInt8(ascii: "s")); writeInteger(v)
        case .uint16(let v): writeInteger(UInt8(ascii: "u")); writeInteger(v)
        case .int32(let v): writeInteger(UInt8(ascii: "I")); writeInteger(v)
        case .uint32(let v): writeInteger(UInt8(ascii: "i")); writeInteger(v)
        case .int64(let v): writeInteger(UInt8(ascii: "l")); writeInteger(v)
        case .float(let v): writeInteger(UInt8(ascii: "f")); writeInteger(v.bitPattern)
        case .double(let v): writeInteger(UInt8(ascii: "d")); writeInteger(v.bitPattern)
        case .decimal(let scale, let v): writeInteger(UInt8(ascii: "D")); writeInteger(scale); writeInteger(v)
        case .string(let v): writeInteger(UInt8(ascii: "S")); writeAMQPLongString(v)
        case .bytes(let v): writeInteger(UInt8(ascii: "x")); writeInteger(UInt32(v.count)); writeBytes(v)
        case .array(let values):
            writeInteger(UInt8(ascii: "A"))
            let sizeIndex = writerIndex
            writeInteger(UInt32(0))
            for element in values { writeAMQPFieldValue(element) }
            setInteger(UInt32(writerIndex - sizeIndex - 4), at: sizeIndex)
        case .timestamp(let v): writeInteger(UInt8(ascii: "T")); writeInteger(v)
        case .table(let v): writeInteger(UInt8(ascii: "F")); writeAMQPTable(v)
        case .void: writeInteger(UInt8(ascii: "V"))
        }
    }

    /// Reads one tagged field value.
    mutating func readAMQPFieldValue() throws(AMQPError) -> AMQPFieldValue {
        let tag: UInt8 = try readOrThrow()
        switch tag {
        case UInt8(ascii: "t"): return .bool(try readOrThrow() as UInt8 != 0)
        case UInt8(ascii: "b"): return .int8(try readOrThrow())
        case UInt8(ascii: "B"): return .uint8(try readOrThrow())
        case UInt8(ascii: "s"): return .int16(try readOrThrow())
        case UInt8(ascii: "u"): return .uint16(try readOrThrow())
        case UInt8(ascii: "I"): return .int32(try readOrThrow())
        case UInt8(ascii: "i"): return .uint32(try readOrThrow())
        case UInt8(ascii: "l"): return .int64(try readOrThrow())
        case UInt8(ascii: "f"): return .float(Float(bitPattern: try readOrThrow()))
        case UInt8(ascii: "d"): return .double(Double(bitPattern: try readOrThrow()))
        case UInt8(ascii: "D"): return .decimal(scale: try readOrThrow(), value: try readOrThrow())
        case UInt8(ascii: "S"): return .string(try readAMQPLongString())
        case UInt8(ascii: "x"):
            let length: UInt32 = try readOrThrow()
            guard let bytes = readBytes(length: Int(length)) else { throw .malformed("byte array runs past its frame") }
            return .bytes(bytes)
        case UInt8(ascii: "A"):
            let length: UInt32 = try readOrThrow()
            guard var slice = readSlice(length: Int(length)) else { throw .malformed("field array runs past its frame") }
            var values: [AMQPFieldValue] = []
            while slice.readableBytes > 0 { values.append(try slice.readAMQPFieldValue()) }
            return .array(values)
        case UInt8(ascii: "T"): return .timestamp(try readOrThrow())
        case UInt8(ascii: "F"): return .table(try readAMQPTable())
        case UInt8(ascii: "V"): return .void
        default: throw .malformed("unknown field type tag \(tag)")
        }
    }
}

@testable import AMQP
import NIOCore
import Testing

@Suite("Field tables") struct FieldTableCodecTests {
    static let everyType: AMQPTable = [
        "bool": .bool(true), "i8": .int8(-5), "u8": .uint8(250), "i16": .int16(-300), "u16": .uint16(60000),
        "i32": .int32(-70000), "u32": .uint32(4_000_000_000), "i64": .int64(-5_000_000_000), "f": .float(1.5), "d": .double(-2.25),
        "dec": .decimal(scale: 2, value: 12345), "s": .string("grüße"), "x": .bytes([0, 1, 254, 255]),
        "arr": .array([.int32(1), .string("two"), .array([.bool(false)]), .table(["k": .void])]),
        "ts": .timestamp(1_700_000_000), "nested": .table(["deeper": .table(["deepest": .int64(42)])]), "void": .void,
    ]

    @Test func everyTypeRoundTrips() throws {
        var buffer = ByteBuffer()
        buffer.writeAMQPTable(Self.everyType)
        let decoded = try buffer.readAMQPTable()
        #expect(decoded == Self.everyType)
        #expect(buffer.readableBytes == 0)
    }

    @Test func encodesTheExactWireFormat() {
        var buffer = ByteBuffer()
        buffer.writeAMQPTable(["a": .int32(1), "b": .string("xy"), "c": .bool(true)])
        let expected: [UInt8] = [0, 0, 0, 20,
                                 1, 0x61, 0x49, 0, 0, 0, 1,
                                 1, 0x62, 0x53, 0, 0, 0, 2, 0x78, 0x79,
                                 1, 0x63, 0x74, 1]
        #expect(Array(buffer.readableBytesView) == expected)
    }

    @Test func decodesWhatPikaSendsForDecimalAndTimestamp() throws {
        // 'D' scale 3 value 1500 and 'T' 0x5F5E1000, as pika encodes Decimal("1.500") and a datetime.
        var buffer = ByteBuffer(bytes: [0, 0, 0, 19, 1, 0x64, 0x44, 3, 0, 0, 0x05, 0xDC, 1, 0x74, 0x54, 0, 0, 0, 0, 0x5F, 0x5E, 0x10, 0x00])
        let table = try buffer.readAMQPTable()
        #expect(table["d"] == .decimal(scale: 3, value: 1500))
        #expect(table["t"] == .timestamp(0x5F5E_1000))
    }

    @Test func truncatedTableIsAnError() {
        var buffer = ByteBuffer(bytes: [0, 0, 0, 10, 1, 0x61])
        #expect(throws: AMQPError.self) { try buffer.readAMQPTable() }
    }

    @Test func unknownTagIsAnError() {
        var buffer = ByteBuffer(bytes: [0, 0, 0, 3, 1, 0x61, 0x21])
        #expect { try buffer.readAMQPTable() } throws: { ($0 as? AMQPError)?.code == .malformedFrame }
    }

    @Test func subscriptReplacesInPlaceAndRemoves() {
        var table: AMQPTable = ["a": 1, "b": 2]
        table["a"] = "one"
        table["c"] = true
        table["b"] = nil
        #expect(table.entries.map(\.key) == ["a", "c"])
        #expect(table["a"] == .string("one"))
    }
}

import NIOCore

/// An AMQP field table: named values in the order they were written (order matters for byte-exact frames).
public struct AMQPTable: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// The entries, in wire order.
    public var entries: [(key: String, value: AMQPFieldValue)]

    /// A table from ordered entries.
    public init(_ entries: [(key: String, value: AMQPFieldValue)] = []) { self.entries = entries }

    /// A table from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, AMQPFieldValue)...) {
        self.entries = elements.map { (key: $0.0, value: $0.1) }
    }

    /// Whether the table has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`; setting replaces it in place or appends it.
    public subscript(key: String) -> AMQPFieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }

    /// Iterates the entries in wire order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: AMQPFieldValue)]> { entries.makeIterator() }

    /// Tables are equal when they hold the same entries in the same order.
    public static func == (lhs: AMQPTable, rhs: AMQPTable) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the entries in order.
    public func hash(into hasher: inout Hasher) {
        for entry in entries { hasher.combine(entry.key); hasher.combine(entry.value) }
    }
}

extension ByteBuffer {
    /// Writes a table: its byte length, then name/value pairs.
    mutating func writeAMQPTable(_ table: AMQPTable) {
        let sizeIndex = writerIndex
        writeInteger(UInt32(0))
        for entry in table.entries {
            writeAMQPShortString(entry.key)
            writeAMQPFieldValue(entry.value)
        }
        setInteger(UInt32(writerIndex - sizeIndex - 4), at: sizeIndex)
    }

    /// Reads a table.
    mutating func readAMQPTable() throws(AMQPError) -> AMQPTable {
        let length: UInt32 = try readOrThrow()
        guard var slice = readSlice(length: Int(length)) else { throw .malformed("field table runs past its frame") }
        var table = AMQPTable()
        while slice.readableBytes > 0 {
            let key = try slice.readAMQPShortString()
            table.entries.append((key: key, value: try slice.readAMQPFieldValue()))
        }
        return table
    }
}

/// A member of a JSON merge-patch body: absent (leave as is), null (clear) or a value.
enum PatchField<Value: Decodable & Sendable>: Sendable {
    case absent
    case null
    case value(Value)

    /// Reads `key` from `container`, telling absent from null.
    init<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws {
        if !container.contains(key) {
            self = .absent
        } else if try container.decodeNil(forKey: key) {
            self = .null
        } else {
            self = .value(try container.decode(Value.self, forKey: key))
        }
    }

    /// The present value, if any.
    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

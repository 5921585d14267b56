import Foundation

/// An opaque keyset-pagination cursor: a Codable position encoded as base64url JSON.
public enum PageCursor {
    /// Encodes `position` as a cursor string.
    public static func encode<T: Encodable>(_ position: T) -> String {
        let data = (try? JSONEncoder().encode(position)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor; 400 when it was not made by `encode`.
    public static func decode<T: Decodable>(_ type: T.Type, from cursor: String) throws -> T {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard cursor.count <= 1024, let data = Data(base64Encoded: base64),
              let position = try? JSONDecoder().decode(type, from: data)
        else { throw Problem.badRequest("The cursor is not valid.") }
        return position
    }
}

/// One page of a list: the items and the cursor of the next page (absent on the last page).
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    /// Items on this page.
    public var items: [Item]
    /// Cursor for the next page, or nil.
    public var nextCursor: String?

    /// A page of `items`.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    /// Always writes `next_cursor`, as null on the last page.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

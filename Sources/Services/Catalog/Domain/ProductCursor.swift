import Foundation
import MercatoCore

/// Where a product page ended: the sort it belongs to, the last item's sort key and id.
/// Encoded opaquely with `PageCursor`; only the key matching the sort is set.
public struct ProductCursor: Codable, Sendable, Equatable {
    /// The kind of sort key a cursor carries.
    public enum KeyKind: Sendable {
        /// `created_at` as microseconds since the epoch (exact, unlike a `Date`).
        case microseconds
        /// `price.amount`.
        case integer
        /// `name`.
        case text
        /// `ts_rank` (a PostgreSQL `real`).
        case rank
    }

    /// The sort's raw value.
    public var sort: String
    /// Integer key (microseconds or amount).
    public var integer: Int64?
    /// Text key (name).
    public var text: String?
    /// Rank key.
    public var rank: Float?
    /// The last item's id, the tie-breaker.
    public var id: UUID

    enum CodingKeys: String, CodingKey {
        case sort = "s", integer = "i", text = "t", rank = "r", id
    }

    /// A cursor after an item with the given key.
    public init(sort: ProductSort, integer: Int64? = nil, text: String? = nil, rank: Float? = nil, id: UUID) {
        self.sort = sort.rawValue
        self.integer = integer
        self.text = text
        self.rank = rank
        self.id = id
    }

    /// Bounds keep a forged cursor from pushing a timestamp out of PostgreSQL's range.
    static let microsecondRange: ClosedRange<Int64> = -6_000_000_000_000_000...6_000_000_000_000_000

    /// Decodes `text` and checks it belongs to `sort`; 400 otherwise.
    public static func decode(_ text: String, for sort: ProductSort) throws -> ProductCursor {
        let cursor = try PageCursor.decode(ProductCursor.self, from: text)
        guard cursor.sort == sort.rawValue else { throw Problem.badRequest("The cursor belongs to another sort order.") }
        let valid: Bool
        switch sort.keyKind {
        case .microseconds: valid = cursor.integer.map(microsecondRange.contains) ?? false
        case .integer: valid = cursor.integer != nil
        case .text: valid = cursor.text != nil
        case .rank: valid = cursor.rank.map { $0.isFinite } ?? false
        }
        guard valid else { throw Problem.badRequest("The cursor is not valid.") }
        return cursor
    }

    /// The opaque text of this cursor.
    public var encoded: String { PageCursor.encode(self) }
}

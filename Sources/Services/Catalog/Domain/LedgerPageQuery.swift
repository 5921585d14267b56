import MercatoCore

/// A page of an append-only ledger (price history, stock movements), newest first, keyed by the row's sequence id.
public struct LedgerPageQuery: Sendable, Equatable {
    /// Where the previous page ended.
    struct Position: Codable {
        /// The last id shown; the next page holds smaller ids.
        var before: Int64
    }

    /// Page size, 1–100.
    public var limit: Int
    /// Only rows with a smaller id than this.
    public var before: Int64?

    /// Parses `limit` (422 when outside 1–100) and `cursor` (400 when forged).
    public static func parse(_ parameters: [String: String]) throws -> LedgerPageQuery {
        var limit = ProductListQuery.defaultLimit
        if let raw = parameters["limit"] {
            guard let value = Int(raw), (1...ProductListQuery.maximumLimit).contains(value) else {
                throw Problem.validation(field: "limit", "must be an integer from 1 to \(ProductListQuery.maximumLimit)")
            }
            limit = value
        }
        let before = try parameters["cursor"].map { try PageCursor.decode(Position.self, from: $0).before }
        return LedgerPageQuery(limit: limit, before: before)
    }

    /// The cursor after the row with `id`.
    public static func cursor(after id: Int64) -> String { PageCursor.encode(Position(before: id)) }

    /// Splits `rows` fetched with `limit + 1` into a page and its next cursor.
    public func page<Row>(_ rows: [Row], id: (Row) -> Int64) -> (items: [Row], nextCursor: String?) {
        guard rows.count > limit else { return (rows, nil) }
        let items = Array(rows.prefix(limit))
        return (items, items.last.map { Self.cursor(after: id($0)) })
    }
}

import Foundation
import MercatoCore
import PostgresNIO

/// The product list: filters, full-text search and keyset pagination over (sort key, id) — never OFFSET.
struct ProductSearch: Sendable {
    let database: Database

    /// One page matching `query`, limited to `statuses` when the query names none.
    func page(_ query: ProductListQuery, statuses: [ProductStatus]) async throws -> (items: [Product], nextCursor: String?) {
        var builder = SQLBuilder()
        let tsQuery = query.text.map { "websearch_to_tsquery('english', \(builder.bind($0)))" }
        let rank = tsQuery.map { "ts_rank(p.search, \($0))" } ?? "0::real"
        let statusList = builder.bind(statuses.map(\.rawValue))
        var conditions = ["p.status = ANY(\(statusList))"]
        if let tsQuery { conditions.append("p.search @@ \(tsQuery)") }
        if let category = query.categoryID {
            conditions.append("""
                p.category_id IN (WITH RECURSIVE tree(id) AS (
                    SELECT id FROM categories WHERE id = \(builder.bind(category))
                    UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id)
                SELECT id FROM tree)
                """)
        }
        if let minimum = query.minPrice { conditions.append("p.price_amount >= \(builder.bind(minimum))") }
        if let maximum = query.maxPrice { conditions.append("p.price_amount <= \(builder.bind(maximum))") }
        let key = sortKey(query.sort, rank: rank)
        let direction = query.sort.isDescending ? "DESC" : "ASC"
        if let cursor = query.cursor {
            let position = cursorKey(cursor, sort: query.sort, builder: &builder)
            let comparison = query.sort.isDescending ? "<" : ">"
            conditions.append("(\(key), p.id) \(comparison) (\(position), \(builder.bind(cursor.id)))")
        }
        let limit = builder.bind(query.limit + 1)
        builder.append("""
            SELECT \(ProductRow.columns), floor(extract(epoch FROM p.created_at) * 1000000)::bigint, \(rank)
            FROM products p WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(key) \(direction), p.id \(direction) LIMIT \(limit)
            """)

        let rows = try await database.query(builder.query)
        var items: [(product: Product, micros: Int64, rank: Float)] = []
        for row in rows {
            let cells = row.makeRandomAccess()
            items.append((try ProductRow.decode(row), try cells[13].decode(Int64.self), try cells[14].decode(Float.self)))
        }
        guard items.count > query.limit else { return (items.map(\.product), nil) }
        items.removeLast(items.count - query.limit)
        let last = items[items.count - 1]
        return (items.map(\.product), Self.cursor(after: last.product, micros: last.micros, rank: last.rank, sort: query.sort).encoded)
    }

    /// The SQL expression a sort orders by.
    func sortKey(_ sort: ProductSort, rank: String) -> String {
        switch sort {
        case .createdAscending, .createdDescending: return "p.created_at"
        case .priceAscending, .priceDescending: return "p.price_amount"
        case .name: return "p.name"
        case .relevance: return rank
        }
    }

    /// The cursor's key as a bound SQL value of the sort key's type.
    func cursorKey(_ cursor: ProductCursor, sort: ProductSort, builder: inout SQLBuilder) -> String {
        switch sort.keyKind {
        case .microseconds:
            // Microseconds are exact where a Date would round; the interval arithmetic is exact too.
            return "(timestamptz 'epoch' + \(builder.bind(cursor.integer ?? 0))::float8 * interval '1 microsecond')"
        case .integer: return "\(builder.bind(cursor.integer ?? 0))::bigint"
        case .text: return "\(builder.bind(cursor.text ?? ""))::text"
        case .rank: return "\(builder.bind(cursor.rank ?? 0))::real"
        }
    }

    /// The cursor after `product` in `sort`.
    static func cursor(after product: Product, micros: Int64, rank: Float, sort: ProductSort) -> ProductCursor {
        switch sort.keyKind {
        case .microseconds: return ProductCursor(sort: sort, integer: micros, id: product.id)
        case .integer: return ProductCursor(sort: sort, integer: product.draft.price.amount, id: product.id)
        case .text: return ProductCursor(sort: sort, text: product.draft.name, id: product.id)
        case .rank: return ProductCursor(sort: sort, rank: rank, id: product.id)
        }
    }
}

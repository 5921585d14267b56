import Foundation
import MercatoCore

/// The filters, order and page of `GET /api/v1/products`, parsed from query parameters.
public struct ProductListQuery: Sendable, Equatable {
    /// Full-text search words (`websearch_to_tsquery` syntax), if any.
    public var text: String?
    /// Only this category and its descendants.
    public var categoryID: UUID?
    /// Lowest price amount, inclusive.
    public var minPrice: Int64?
    /// Highest price amount, inclusive.
    public var maxPrice: Int64?
    /// Only this status; nil means every status the caller may see.
    public var status: ProductStatus?
    /// The order.
    public var sort: ProductSort
    /// Page size, 1–100.
    public var limit: Int
    /// Where the previous page ended.
    public var cursor: ProductCursor?

    /// Default page size.
    public static let defaultLimit = 20
    /// Largest page size.
    public static let maximumLimit = 100

    /// Parses query parameters: 422 naming every invalid parameter, 400 for a bad cursor.
    public static func parse(_ parameters: [String: String]) throws -> ProductListQuery {
        var validator = FieldValidator()
        let text = parameters["q"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, text.count > 200 { validator.add("q", "must be at most 200 characters") }
        var categoryID: UUID?
        if let raw = parameters["category"] {
            categoryID = UUID(uuidString: raw)
            if categoryID == nil { validator.add("category", "must be a UUID") }
        }
        let minPrice = amount(parameters["min_price"], name: "min_price", into: &validator)
        let maxPrice = amount(parameters["max_price"], name: "max_price", into: &validator)
        if let minPrice, let maxPrice, minPrice > maxPrice { validator.add("max_price", "must not be below min_price") }
        var status: ProductStatus?
        if let raw = parameters["status"] {
            status = ProductStatus(rawValue: raw)
            if status == nil { validator.add("status", "must be one of \(ProductStatus.choices)") }
        }
        let hasText = !(text ?? "").isEmpty
        let sort = ProductSort(rawValue: parameters["sort"] ?? ProductSort.createdDescending.rawValue)
        if sort == nil { validator.add("sort", "must be one of \(ProductSort.choices)") }
        if sort == .relevance, !hasText { validator.add("sort", "relevance needs a search text in q") }
        var limit = defaultLimit
        if let raw = parameters["limit"] {
            if let value = Int(raw), (1...maximumLimit).contains(value) {
                limit = value
            } else {
                validator.add("limit", "must be an integer from 1 to \(maximumLimit)")
            }
        }
        try validator.validate()
        let order = sort ?? .createdDescending
        let cursor = try parameters["cursor"].map { try ProductCursor.decode($0, for: order) }
        return ProductListQuery(text: hasText ? text : nil, categoryID: categoryID, minPrice: minPrice, maxPrice: maxPrice,
                                status: status, sort: order, limit: limit, cursor: cursor)
    }

    static func amount(_ raw: String?, name: String, into validator: inout FieldValidator) -> Int64? {
        guard let raw else { return nil }
        guard let value = Int64(raw), value >= 0 else {
            validator.add(name, "must be a non-negative integer amount in minor units")
            return nil
        }
        return value
    }
}

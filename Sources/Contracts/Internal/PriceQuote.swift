import Foundation

/// Body of catalog's `POST /internal/v1/pricing/quote` (service token, audience `catalog`, scope `pricing`).
public struct PriceQuoteRequest: Codable, Sendable, Equatable {
    /// What to price.
    public var items: [StockLine]

    /// A request for `items`.
    public init(items: [StockLine]) { self.items = items }
}

/// One priced line of a quote.
public struct QuotedLine: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// SKU.
    public var sku: String
    /// Product name.
    public var name: String
    /// Units.
    public var quantity: Int
    /// Current price of one unit.
    public var unitPrice: EventMoney
    /// `unit_price × quantity`.
    public var lineTotal: EventMoney

    /// A line with every field.
    public init(productID: UUID, sku: String, name: String, quantity: Int, unitPrice: EventMoney, lineTotal: EventMoney) {
        self.productID = productID
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.lineTotal = lineTotal
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", sku, name, quantity, unitPrice = "unit_price", lineTotal = "line_total"
    }
}

/// Catalog's answer: every line priced at the current price of an active product, in one currency.
/// Unknown or inactive products, or lines in different currencies, are a 422 problem whose field errors name
/// `items[<index>].product_id`.
public struct PriceQuote: Codable, Sendable, Equatable {
    /// Priced lines in request order.
    public var lines: [QuotedLine]
    /// Sum of the line totals.
    public var total: EventMoney

    /// A quote with every field.
    public init(lines: [QuotedLine], total: EventMoney) {
        self.lines = lines
        self.total = total
    }
}

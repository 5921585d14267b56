import Contracts
import Foundation
import MercatoCore

/// A product as a price quote sees it.
public struct QuotableProduct: Sendable, Equatable {
    /// SKU.
    public var sku: String
    /// Display name.
    public var name: String
    /// Whether it is `active` (only active products are sold).
    public var isActive: Bool
    /// Current price.
    public var price: Money

    /// A product with every field.
    public init(sku: String, name: String, isActive: Bool, price: Money) {
        self.sku = sku
        self.name = name
        self.isActive = isActive
        self.price = price
    }
}

/// Prices an order's lines at the current prices, without I/O: the rules of `POST /internal/v1/pricing/quote`.
public enum PriceQuoting {
    /// Most lines in one quote.
    public static let maximumItems = 50
    /// Most units of one line.
    public static let maximumQuantity = 999

    /// The request's field errors that need no product data: 1…50 items, quantity 1…999 each.
    public static func shapeErrors(_ request: PriceQuoteRequest) -> [FieldError] {
        var validator = FieldValidator()
        validator.require((1...maximumItems).contains(request.items.count), "items", "must hold 1 to \(maximumItems) lines")
        for (index, item) in request.items.enumerated() where !(1...maximumQuantity).contains(item.quantity) {
            validator.add("items[\(index)].quantity", "must be an integer from 1 to \(maximumQuantity)")
        }
        return validator.errors
    }

    /// The quote of `request` from `products` (by id): every line must name a known active product, all in one
    /// currency (the first priced line's); otherwise a 422 naming `items[<index>].product_id` of each offending line.
    public static func quote(_ request: PriceQuoteRequest, products: [UUID: QuotableProduct]) throws -> PriceQuote {
        let shape = shapeErrors(request)
        if !shape.isEmpty { throw Problem.validation(shape) }
        var validator = FieldValidator()
        var lines: [QuotedLine] = []
        var currency: String?
        var total: Int64 = 0
        var overflow = false
        for (index, item) in request.items.enumerated() {
            let field = "items[\(index)].product_id"
            guard let product = products[item.productID], product.isActive else {
                validator.add(field, "names no active product")
                continue
            }
            let lineCurrency = currency ?? product.price.currency
            currency = lineCurrency
            guard product.price.currency == lineCurrency else {
                validator.add(field, "is priced in \(product.price.currency), other lines in \(lineCurrency): one quote holds one currency")
                continue
            }
            let (lineTotal, lineOverflow) = product.price.amount.multipliedReportingOverflow(by: Int64(item.quantity))
            let (sum, sumOverflow) = total.addingReportingOverflow(lineTotal)
            overflow = overflow || lineOverflow || sumOverflow
            total = sum
            lines.append(QuotedLine(productID: item.productID, sku: product.sku, name: product.name, quantity: item.quantity,
                                    unitPrice: EventMoney(amount: Int(product.price.amount), currency: lineCurrency),
                                    lineTotal: EventMoney(amount: Int(lineTotal), currency: lineCurrency)))
        }
        if overflow { validator.add("items", "the total is too large to quote") }
        try validator.validate()
        return PriceQuote(lines: lines, total: EventMoney(amount: Int(total), currency: currency ?? ""))
    }
}

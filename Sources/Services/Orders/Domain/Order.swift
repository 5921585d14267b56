import Contracts
import Foundation

/// An order as stored: its lines, total, address, payment choice and where the saga stands.
public struct Order: Sendable, Equatable {
    /// Order id.
    public var id: UUID
    /// The customer (user id).
    public var customerID: UUID
    /// Current status.
    public var status: OrderStatusName
    /// Priced lines in the order they were asked for.
    public var lines: [QuotedLine]
    /// Sum of the lines.
    public var total: EventMoney
    /// Where to ship.
    public var shippingAddress: ShippingAddress
    /// How the customer pays (the token is never returned by the API).
    public var payment: PlaceOrderRequest.Payment
    /// Why it was cancelled, when it was.
    public var cancellationReason: CancellationReason?
    /// Human-readable detail of the cancellation, if any.
    public var cancellationDetail: String?
    /// When it was placed.
    public var createdAt: Date
    /// When its status last changed.
    public var updatedAt: Date

    /// The order's lines as order events carry them.
    public var lineItems: [OrderLineItem] {
        lines.map { OrderLineItem(productID: $0.productID, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice) }
    }
}

/// One status change of an order.
public struct OrderStatusChange: Codable, Sendable, Equatable {
    /// Status before (nil for the placement).
    public var from: OrderStatusName?
    /// Status after.
    public var to: OrderStatusName
    /// Why, for cancellations.
    public var reason: CancellationReason?
    /// When.
    public var at: Date

    /// A change with every field.
    public init(from: OrderStatusName?, to: OrderStatusName, reason: CancellationReason?, at: Date) {
        self.from = from
        self.to = to
        self.reason = reason
        self.at = at
    }
}

/// Checks catalog's quote against what was asked, so a wrong answer never becomes an order.
public enum QuoteCheck {
    /// True when `quote` prices exactly `items` (same products and quantities, in order), each line's total is
    /// unit price × quantity, every amount is in the total's currency and the total is the sum of the lines.
    public static func matches(_ quote: PriceQuote, items: [PlaceOrderRequest.Item]) -> Bool {
        guard quote.lines.count == items.count else { return false }
        var sum = 0
        for (line, item) in zip(quote.lines, items) {
            guard line.productID == item.productID, line.quantity == item.quantity,
                  line.unitPrice.currency == quote.total.currency, line.lineTotal.currency == quote.total.currency,
                  line.unitPrice.amount >= 0
            else { return false }
            let product = line.unitPrice.amount.multipliedReportingOverflow(by: line.quantity)
            guard !product.overflow, product.partialValue == line.lineTotal.amount else { return false }
            let (next, overflow) = sum.addingReportingOverflow(line.lineTotal.amount)
            guard !overflow else { return false }
            sum = next
        }
        return sum == quote.total.amount
    }
}

import Foundation
import MercatoCore

/// The checks on a `PlaceOrderRequest` that need no I/O; every failure becomes a field error of one 422.
public enum OrderRequestRules {
    /// Most distinct products in one order.
    public static let maxItems = 50
    /// Units of one product in one order.
    public static let quantityRange = 1...999
    /// Longest card token accepted.
    public static let maxTokenLength = 255
    /// Each required field of `address` with its value and maximum length.
    static func requiredFields(of address: ShippingAddress) -> [(field: String, value: String, limit: Int)] {
        [("name", address.name, 100), ("line1", address.line1, 200), ("city", address.city, 100), ("postal_code", address.postalCode, 20)]
    }

    /// Throws 422 listing every invalid field of `request`.
    public static func validate(_ request: PlaceOrderRequest) throws {
        var validator = FieldValidator()
        check(items: request.items, into: &validator)
        check(address: request.shippingAddress, into: &validator)
        validator.require(request.payment.method == "card", "payment.method", "must be card")
        let token = request.payment.token
        validator.require(!token.trimmingCharacters(in: .whitespaces).isEmpty, "payment.token", "is required")
        validator.require(token.count <= maxTokenLength && !hasControlCharacters(token), "payment.token",
                          "must be at most \(maxTokenLength) printable characters")
        try validator.validate()
    }

    static func check(items: [PlaceOrderRequest.Item], into validator: inout FieldValidator) {
        validator.require((1...maxItems).contains(items.count), "items", "must hold 1 to \(maxItems) products")
        var seen = Set<UUID>()
        for (index, item) in items.enumerated() {
            validator.require(quantityRange.contains(item.quantity), "items[\(index)].quantity",
                              "must be from \(quantityRange.lowerBound) to \(quantityRange.upperBound)")
            validator.require(seen.insert(item.productID).inserted, "items[\(index)].product_id",
                              "appears more than once; order it once with the total quantity")
        }
    }

    static func check(address: ShippingAddress, into validator: inout FieldValidator) {
        let prefix = "shipping_address"
        for (field, value, limit) in requiredFields(of: address) {
            validator.require(!value.trimmingCharacters(in: .whitespaces).isEmpty, "\(prefix).\(field)", "is required")
            validator.require(value.count <= limit, "\(prefix).\(field)", "must be at most \(limit) characters")
            validator.require(!hasControlCharacters(value), "\(prefix).\(field)", "must not contain control characters")
        }
        if let line2 = address.line2 {
            validator.require(line2.count <= 200, "\(prefix).line2", "must be at most 200 characters")
            validator.require(!hasControlCharacters(line2), "\(prefix).line2", "must not contain control characters")
        }
        validator.require(CountryCode.isValid(address.country), "\(prefix).country", "must be an ISO 3166-1 alpha-2 code such as DE")
    }

    /// True when `text` holds a control character (C0, DEL or C1).
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

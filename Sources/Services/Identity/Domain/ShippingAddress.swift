import Foundation

import MercatoCore

/// A user's default shipping address.
public struct ShippingAddress: Codable, Sendable, Equatable {
    /// Recipient name.
    public var name: String
    /// First address line.
    public var line1: String
    /// Optional second line.
    public var line2: String?
    /// City.
    public var city: String
    /// Postal code.
    public var postalCode: String
    /// ISO 3166-1 alpha-2 country code, uppercase.
    public var country: String

    /// An address with every part given.
    public init(name: String, line1: String, line2: String? = nil, city: String, postalCode: String, country: String) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case name, line1, line2, city, country
        case postalCode = "postal_code"
    }

    /// Records what is wrong with each field under `prefix` (e.g. `default_shipping_address`).
    public func validate(into validator: inout FieldValidator, prefix: String) {
        let required: [(String, String, Int)] = [("name", name, 100), ("line1", line1, 200), ("city", city, 100), ("postal_code", postalCode, 20)]
        for (field, value) in required.map({ ($0.0, $0.1) }) + [("line2", line2 ?? "")] where ProfileRules.hasControlCharacters(value) {
            validator.add("\(prefix).\(field)", "must not contain control characters")
        }
        for (field, value, limit) in required {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            validator.require(!trimmed.isEmpty, "\(prefix).\(field)", "is required")
            validator.require(value.count <= limit, "\(prefix).\(field)", "must be at most \(limit) characters")
        }
        if let line2 { validator.require(line2.count <= 200, "\(prefix).line2", "must be at most 200 characters") }
        validator.require(CountryCode.isValid(country), "\(prefix).country", "must be an ISO 3166-1 alpha-2 code such as DE")
    }
}

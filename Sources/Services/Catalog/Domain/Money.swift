import MercatoCore

/// An amount of money in minor units (cents) of an ISO 4217 currency.
public struct Money: Codable, Sendable, Equatable {
    /// Minor units, never negative.
    public var amount: Int64
    /// Three uppercase letters, e.g. `EUR`.
    public var currency: String

    /// A price of `amount` minor units of `currency`.
    public init(amount: Int64, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    /// Decodes `amount` so a fractional number is reported on its field (Foundation reports it without a path).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currency = try container.decode(String.self, forKey: .currency)
        let raw = try container.decode(JSONValue.self, forKey: .amount)
        guard case .integer(let value) = raw else {
            throw ValidationMessage.fail("must be an integer (minor units)", codingPath: container.codingPath + [CodingKeys.amount])
        }
        amount = value
    }

    /// Largest accepted amount: keeps prices exact in JavaScript clients (2^53).
    public static let maximumAmount: Int64 = 9_007_199_254_740_991

    /// Field errors for this price, with fields prefixed by `field` (e.g. `price`; empty for none).
    public func errors(field: String) -> [FieldError] {
        let prefix = field.isEmpty ? "" : field + "."
        var errors: [FieldError] = []
        if amount < 0 { errors.append(.init(field: "\(prefix)amount", message: "must be zero or more")) }
        if amount > Self.maximumAmount { errors.append(.init(field: "\(prefix)amount", message: "must be at most \(Self.maximumAmount)")) }
        if let message = CatalogRules.currencyError(currency) { errors.append(.init(field: "\(prefix)currency", message: message)) }
        return errors
    }
}

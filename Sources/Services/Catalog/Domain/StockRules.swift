import MercatoCore

/// Why stock was adjusted by hand (reservations and sales come later, from orders).
public enum AdjustmentReason: String, Codable, Sendable, CaseIterable {
    /// Goods arrived.
    case restock
    /// A count corrected a wrong figure.
    case correction
    /// Goods were damaged and written off.
    case damage
}

/// A stock row's figures: what is on hand, what is held for orders, and what can still be sold.
public struct StockLevel: Encodable, Sendable, Equatable {
    /// Units in the warehouse.
    public var onHand: Int64
    /// Units held for pending orders (0 until orders exist).
    public var reserved: Int64

    /// Units that can still be sold.
    public var available: Int64 { onHand - reserved }

    /// A level with the given figures.
    public init(onHand: Int64, reserved: Int64) {
        self.onHand = onHand
        self.reserved = reserved
    }

    /// Whether the figures obey the rules the database also enforces (its CHECK constraints).
    public var isValid: Bool { onHand >= 0 && reserved >= 0 && reserved <= onHand }

    /// The level after adding `delta` on hand, or nil when that would break a rule.
    public func adjusted(by delta: Int64) -> StockLevel? {
        let (sum, overflow) = onHand.addingReportingOverflow(delta)
        let next = StockLevel(onHand: sum, reserved: reserved)
        return !overflow && next.isValid ? next : nil
    }

    enum CodingKeys: String, CodingKey {
        case onHand = "on_hand", reserved, available
    }

    /// Writes `available` too.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(onHand, forKey: .onHand)
        try container.encode(reserved, forKey: .reserved)
        try container.encode(available, forKey: .available)
    }
}

/// A manual stock adjustment as a client sends it.
public struct StockAdjustmentInput: Decodable, Sendable {
    /// Units to add (positive) or remove (negative); never 0.
    public var delta: Int64
    /// One of restock, correction, damage.
    public var reason: String

    /// Largest single adjustment, either way; keeps sums far from overflow.
    public static let maximumMagnitude: Int64 = 1_000_000_000

    /// The validated adjustment; a 422 naming every invalid field otherwise.
    public func validated() throws -> (delta: Int64, reason: AdjustmentReason) {
        var validator = FieldValidator()
        if delta == 0 { validator.add("delta", "must not be 0") }
        if delta != 0, delta.magnitude > Self.maximumMagnitude.magnitude {
            validator.add("delta", "must be between -\(Self.maximumMagnitude) and \(Self.maximumMagnitude)")
        }
        let parsed = AdjustmentReason(rawValue: reason)
        if parsed == nil { validator.add("reason", "must be one of \(AdjustmentReason.allCases.map(\.rawValue).joined(separator: ", "))") }
        try validator.validate()
        return (delta, parsed ?? .correction)
    }

    /// The 409 for an adjustment the stock rules refuse.
    public static func insufficientStock(delta: Int64) -> Problem {
        .conflict("Not enough stock: removing \(delta.magnitude) units would leave on-hand stock below zero or below the reserved units.")
    }
}

/// The outcome a load-generated order is built to reach.
enum OrderOutcome: String, CaseIterable, Sendable {
    /// `tok_visa`, stocked products → CONFIRMED.
    case good
    /// `tok_declined` → CANCELLED (payment-declined), stock released, nothing charged.
    case declined
    /// A sold-out product among the lines → CANCELLED (out-of-stock), nothing reserved.
    case outOfStock = "oos"

    /// The card token the order pays with.
    var cardToken: String { self == .declined ? "tok_declined" : "tok_visa" }

    /// The terminal status the order must reach.
    var expectedStatus: String { self == .good ? "CONFIRMED" : "CANCELLED" }
}

/// Weights of each outcome, parsed from `good=80,declined=10,oos=10` (pure).
struct OrderMix: Sendable, Equatable {
    /// Weight per outcome (non-negative, at least one positive).
    var weights: [OrderOutcome: Int]

    /// Parses `name=weight` pairs; unnamed outcomes weigh 0. Throws a message naming the bad part.
    init(parsing text: String) throws {
        var weights: [OrderOutcome: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let outcome = OrderOutcome(rawValue: pair[0]), let weight = Int(pair[1]), weight >= 0 else {
                throw LoadError("bad mix entry '\(part)': use good=N,declined=N,oos=N")
            }
            weights[outcome] = weight
        }
        guard weights.values.reduce(0, +) > 0 else { throw LoadError("the mix needs at least one positive weight") }
        self.weights = weights
    }

    /// The outcome for a uniform draw `roll` in `0..<total`.
    func outcome(roll: Int) -> OrderOutcome {
        var remaining = roll
        for outcome in OrderOutcome.allCases {
            let weight = weights[outcome] ?? 0
            if remaining < weight { return outcome }
            remaining -= weight
        }
        return .good
    }

    /// Sum of the weights.
    var total: Int { weights.values.reduce(0, +) }
}

/// The load run cannot go on; the message says why.
struct LoadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

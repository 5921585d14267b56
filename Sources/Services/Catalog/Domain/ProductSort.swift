/// The orders a product list can be sorted in; each is a keyset over (key, id).
public enum ProductSort: String, Sendable, CaseIterable {
    /// Oldest first.
    case createdAscending = "created_at"
    /// Newest first (the default).
    case createdDescending = "-created_at"
    /// Cheapest first.
    case priceAscending = "price"
    /// Dearest first.
    case priceDescending = "-price"
    /// By name, A to Z.
    case name
    /// Best full-text match first; only with `q`.
    case relevance

    /// Whether the order runs from high to low (so "after the cursor" means smaller).
    public var isDescending: Bool {
        switch self {
        case .createdDescending, .priceDescending, .relevance: return true
        case .createdAscending, .priceAscending, .name: return false
        }
    }

    /// What kind of value the cursor holds for this order.
    public var keyKind: ProductCursor.KeyKind {
        switch self {
        case .createdAscending, .createdDescending: return .microseconds
        case .priceAscending, .priceDescending: return .integer
        case .name: return .text
        case .relevance: return .rank
        }
    }

    /// The accepted values, for messages.
    static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}

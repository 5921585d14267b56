/// Where a product is in its life: only `active` products are visible to the public.
public enum ProductStatus: String, Codable, Sendable, CaseIterable {
    /// Being prepared; visible to staff only.
    case draft
    /// On sale.
    case active
    /// Withdrawn (what DELETE does); kept for orders that refer to it.
    case archived

    /// The accepted values, for messages.
    static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}

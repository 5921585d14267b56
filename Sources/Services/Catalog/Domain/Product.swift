import Foundation

/// A stored product: its editable fields plus identity, version and timestamps.
public struct Product: Sendable, Equatable {
    /// Identifier.
    public var id: UUID
    /// The editable fields.
    public var draft: ProductDraft
    /// Starts at 1, +1 per change; the `ETag`.
    public var version: Int
    /// Creation time.
    public var createdAt: Date
    /// Last change.
    public var updatedAt: Date

    /// A product with every field given.
    public init(id: UUID, draft: ProductDraft, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.draft = draft
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Its strong entity tag.
    public var entityTag: String { EntityTag.of(version: version) }

    /// Whether a caller who is not staff may see it.
    public var isPublic: Bool { draft.status == .active }

    /// Fields a PATCH may name.
    public static let patchableFields: Set<String> = ["sku", "name", "description", "category_id", "attributes", "images", "status", "price"]
}

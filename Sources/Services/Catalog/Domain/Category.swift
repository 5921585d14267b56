import Foundation
import MercatoCore

/// A category as stored: one node of the tree.
public struct Category: Sendable, Equatable {
    /// Identifier.
    public var id: UUID
    /// The parent, nil for a root.
    public var parentID: UUID?
    /// Unique URL name.
    public var slug: String
    /// Display name.
    public var name: String
    /// Creation time.
    public var createdAt: Date
    /// Last change.
    public var updatedAt: Date

    /// A category with every field given.
    public init(id: UUID, parentID: UUID?, slug: String, name: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.parentID = parentID
        self.slug = slug
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The editable fields as a JSON object, the target of a merge patch.
    var editableJSON: JSONValue {
        .object(["slug": .string(slug), "name": .string(name),
                 "parent_id": parentID.map { .string($0.uuidString.lowercased()) } ?? .null])
    }
}

/// The editable fields of a category, validated.
public struct CategoryDraft: Sendable, Equatable {
    /// Unique URL name.
    public var slug: String
    /// Display name.
    public var name: String
    /// Parent, nil for a root.
    public var parentID: UUID?
}

/// A category as a client sends it (POST body, or the result of a merge patch), before validation.
public struct CategoryInput: Decodable, Sendable {
    /// See `CategoryDraft`.
    public var slug: String
    /// See `CategoryDraft`.
    public var name: String
    /// A UUID string, or null/absent for a root.
    public var parentID: String?

    enum CodingKeys: String, CodingKey {
        case slug, name
        case parentID = "parent_id"
    }

    /// Fields a PATCH may name.
    public static let patchableFields: Set<String> = ["slug", "name", "parent_id"]

    /// The validated draft; a 422 listing every invalid field otherwise.
    public func validated() throws -> CategoryDraft {
        var validator = FieldValidator()
        if let message = CatalogRules.slugError(slug) { validator.add("slug", message) }
        if let message = CatalogRules.nameError(name) { validator.add("name", message) }
        var parent: UUID?
        if let parentID {
            parent = UUID(uuidString: parentID)
            if parent == nil { validator.add("parent_id", "must be a UUID") }
        }
        try validator.validate()
        return CategoryDraft(slug: slug, name: name.trimmingCharacters(in: .whitespacesAndNewlines), parentID: parent)
    }
}

import Foundation
import MercatoCore

/// The editable fields of a product, validated: what POST creates and PATCH rewrites.
public struct ProductDraft: Codable, Sendable, Equatable {
    /// Stock-keeping unit, unique.
    public var sku: String
    /// Display name.
    public var name: String
    /// Free text, may be empty.
    public var description: String
    /// The category, if any.
    public var categoryID: UUID?
    /// A JSON object of arbitrary values.
    public var attributes: JSONValue
    /// Image URLs (http/https).
    public var images: [String]
    /// Life-cycle status.
    public var status: ProductStatus
    /// Current price.
    public var price: Money

    enum CodingKeys: String, CodingKey {
        case sku, name, description, attributes, images, status, price
        case categoryID = "category_id"
    }

    /// A draft with every field given.
    public init(sku: String, name: String, description: String = "", categoryID: UUID? = nil, attributes: JSONValue = .object([:]),
                images: [String] = [], status: ProductStatus = .draft, price: Money) {
        self.sku = sku
        self.name = name
        self.description = description
        self.categoryID = categoryID
        self.attributes = attributes
        self.images = images
        self.status = status
        self.price = price
    }

    /// Writes `category_id` as null when absent, so a merge patch sees every field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(categoryID?.uuidString.lowercased(), forKey: .categoryID)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(images, forKey: .images)
        try container.encode(status, forKey: .status)
        try container.encode(price, forKey: .price)
    }

    /// The draft as a JSON object, the target of a merge patch.
    var jsonValue: JSONValue {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
    }
}

/// A product as a client sends it (POST body, or the result of a merge patch), before validation.
public struct ProductInput: Decodable, Sendable {
    /// See `ProductDraft`.
    public var sku: String
    /// See `ProductDraft`.
    public var name: String
    /// Defaults to empty.
    public var description: String?
    /// A UUID string, or null/absent for none.
    public var categoryID: String?
    /// Defaults to `{}`.
    public var attributes: JSONValue?
    /// Defaults to `[]`.
    public var images: [String]?
    /// Defaults to `draft`.
    public var status: String?
    /// Required.
    public var price: Money

    enum CodingKeys: String, CodingKey {
        case sku, name, description, attributes, images, status, price
        case categoryID = "category_id"
    }

    /// The validated draft; a 422 listing every invalid field otherwise.
    public func validated() throws -> ProductDraft {
        var validator = FieldValidator()
        if let message = CatalogRules.skuError(sku) { validator.add("sku", message) }
        if let message = CatalogRules.nameError(name) { validator.add("name", message) }
        if let description, let message = CatalogRules.descriptionError(description) { validator.add("description", message) }
        var category: UUID?
        if let categoryID {
            category = UUID(uuidString: categoryID)
            if category == nil { validator.add("category_id", "must be a UUID") }
        }
        if let attributes, let message = CatalogRules.attributesError(attributes) { validator.add("attributes", message) }
        for error in CatalogRules.imageErrors(images ?? []) { validator.add(error.field, error.message) }
        let parsedStatus = ProductStatus(rawValue: status ?? ProductStatus.draft.rawValue)
        if parsedStatus == nil { validator.add("status", "must be one of \(ProductStatus.choices)") }
        for error in price.errors(field: "price") { validator.add(error.field, error.message) }
        try validator.validate()
        return ProductDraft(sku: sku, name: name.trimmingCharacters(in: .whitespacesAndNewlines), description: description ?? "",
                            categoryID: category, attributes: attributes ?? .object([:]), images: images ?? [],
                            status: parsedStatus ?? .draft, price: price)
    }
}

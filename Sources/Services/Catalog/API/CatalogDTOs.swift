import Foundation
import MercatoCore

/// A product on the wire.
struct ProductBody: Encodable {
    let product: Product

    /// The same document as `encode(to:)` produces with sorted keys, written by hand: product reads are the
    /// catalog's hottest path and `JSONEncoder` was a tenth of their cost.
    func append(to text: inout String) {
        let draft = product.draft
        text += "{\"attributes\":"
        draft.attributes.append(to: &text)
        text += ",\"category_id\":"
        if let category = draft.categoryID { text += "\"\(category.uuidString.lowercased())\"" } else { text += "null" }
        text += ",\"created_at\":\""
        JSONText.appendTimestamp(product.createdAt, milliseconds: false, to: &text)
        text += "\",\"description\":"
        JSONText.appendString(draft.description, to: &text)
        text += ",\"id\":\"\(product.id.uuidString.lowercased())\",\"images\":["
        for (index, image) in draft.images.enumerated() {
            if index > 0 { text += "," }
            JSONText.appendString(image, to: &text)
        }
        text += "],\"name\":"
        JSONText.appendString(draft.name, to: &text)
        text += ",\"price\":{\"amount\":\(draft.price.amount),\"currency\":"
        JSONText.appendString(draft.price.currency, to: &text)
        text += "},\"sku\":"
        JSONText.appendString(draft.sku, to: &text)
        text += ",\"status\":\"\(draft.status.rawValue)\",\"updated_at\":\""
        JSONText.appendTimestamp(product.updatedAt, milliseconds: false, to: &text)
        text += "\",\"version\":\(product.version)}"
    }

    enum CodingKeys: String, CodingKey {
        case id, sku, name, description, attributes, images, status, price, version
        case categoryID = "category_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let draft = product.draft
        try container.encode(product.id.uuidString.lowercased(), forKey: .id)
        try container.encode(draft.sku, forKey: .sku)
        try container.encode(draft.name, forKey: .name)
        try container.encode(draft.description, forKey: .description)
        try container.encode(draft.categoryID?.uuidString.lowercased(), forKey: .categoryID)
        try container.encode(draft.attributes, forKey: .attributes)
        try container.encode(draft.images, forKey: .images)
        try container.encode(draft.status, forKey: .status)
        try container.encode(draft.price, forKey: .price)
        try container.encode(product.version, forKey: .version)
        try container.encode(product.createdAt, forKey: .createdAt)
        try container.encode(product.updatedAt, forKey: .updatedAt)
    }
}

/// A category with its subtree on the wire.
struct CategoryBody: Encodable {
    let node: CategoryNode

    enum CodingKeys: String, CodingKey {
        case id, slug, name, children
        case parentID = "parent_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let category = node.category
        try container.encode(category.id.uuidString.lowercased(), forKey: .id)
        try container.encode(category.parentID?.uuidString.lowercased(), forKey: .parentID)
        try container.encode(category.slug, forKey: .slug)
        try container.encode(category.name, forKey: .name)
        try container.encode(category.createdAt, forKey: .createdAt)
        try container.encode(category.updatedAt, forKey: .updatedAt)
        try container.encode(node.children.map(CategoryBody.init), forKey: .children)
    }
}

/// The category tree on the wire: `{items: [...]}` of roots.
struct CategoryTreeBody: Encodable {
    let items: [CategoryBody]
}

/// The answer to an adjustment: the ledger row and the stock after it.
struct StockAdjustmentBody: Encodable, Sendable {
    let movement: StockMovement
    let inventory: StockLevel
}

import Foundation
import MercatoCore
import PostgresNIO

/// How products are read from and written to the `products` table.
enum ProductRow {
    /// The select list `decode` reads, for a table aliased `p`.
    static let columns = """
        p.id, p.sku, p.name, p.description, p.category_id, p.attributes::text, p.images::text, p.status,
        p.price_amount, p.price_currency, p.version, p.created_at, p.updated_at
        """

    /// Reads the first 13 columns of `row` (selected with `columns`).
    static func decode(_ row: PostgresRow) throws -> Product {
        let cells = row.makeRandomAccess()
        let status = try cells[7].decode(String.self)
        let draft = ProductDraft(
            sku: try cells[1].decode(String.self),
            name: try cells[2].decode(String.self),
            description: try cells[3].decode(String.self),
            categoryID: try cells[4].decode(UUID?.self),
            attributes: try JSONValue.parse(try cells[5].decode(String.self)),
            images: try images(fromJSON: try cells[6].decode(String.self)),
            status: ProductStatus(rawValue: status) ?? .draft,
            price: Money(amount: try cells[8].decode(Int64.self), currency: try cells[9].decode(String.self)))
        return Product(id: try cells[0].decode(UUID.self), draft: draft, version: try cells[10].decode(Int.self),
                       createdAt: try cells[11].decode(Date.self), updatedAt: try cells[12].decode(Date.self))
    }

    /// The image URLs of a stored `images` array.
    static func images(fromJSON text: String) throws -> [String] {
        guard case .array(let values) = try JSONValue.parse(text) else { throw JSONParseError(description: "images is not an array") }
        return try values.map { value in
            guard case .string(let url) = value else { throw JSONParseError(description: "an image is not a string") }
            return url
        }
    }

    /// The JSON text of the images array, for a `jsonb` bind.
    static func imagesJSON(_ images: [String]) -> String {
        JSONValue.array(images.map(JSONValue.string)).jsonText
    }
}

import Foundation

/// A price in minor units, as events carry it.
public struct EventMoney: Codable, Sendable, Equatable {
    /// Amount in minor units (cents).
    public var amount: Int
    /// ISO 4217 code.
    public var currency: String

    /// A price.
    public init(amount: Int, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// The product fields other services keep copies of.
public struct ProductSnapshot: Codable, Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// SKU.
    public var sku: String
    /// Name.
    public var name: String
    /// `draft`, `active` or `archived`.
    public var status: String
    /// Category id, if any.
    public var categoryID: UUID?
    /// Current price.
    public var price: EventMoney
    /// Version after the change.
    public var version: Int

    /// A snapshot with every field.
    public init(productID: UUID, sku: String, name: String, status: String, categoryID: UUID?, price: EventMoney, version: Int) {
        self.productID = productID
        self.sku = sku
        self.name = name
        self.status = status
        self.categoryID = categoryID
        self.price = price
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", sku, name, status, categoryID = "category_id", price, version
    }

    static let schemaProperties = """
    "product_id":{"type":"string","format":"uuid"},"sku":{"type":"string","minLength":1},"name":{"type":"string"},
    "status":{"enum":["draft","active","archived"]},"category_id":{"type":["string","null"],"format":"uuid"},
    "price":{"type":"object","required":["amount","currency"],"additionalProperties":false,
     "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}},
    "version":{"type":"integer","minimum":1}
    """

    static func schema(title: String) -> String {
        """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"\(title)","type":"object",
         "required":["product_id","sku","name","status","price","version"],"additionalProperties":false,
         "properties":{\(schemaProperties)}}
        """
    }
}

/// An event whose payload is a product snapshot, encoded flat (the snapshot's fields are the payload).
public protocol ProductSnapshotEvent: EventPayload {
    /// The product after the change.
    var product: ProductSnapshot { get }
    /// A payload for `product`.
    init(product: ProductSnapshot)
}

extension ProductSnapshotEvent {
    /// Catalog publishes every product event.
    public static var producer: String { "catalog" }
    /// Version 1.
    public static var version: Int { 1 }
    /// The snapshot's schema, titled for this event.
    public static var jsonSchema: String { ProductSnapshot.schema(title: "\(name).v\(version)") }
    /// Decodes the flat snapshot.
    public init(from decoder: any Decoder) throws { self.init(product: try ProductSnapshot(from: decoder)) }
    /// Encodes the flat snapshot.
    public func encode(to encoder: any Encoder) throws { try product.encode(to: encoder) }
}

/// `mercato.catalog.product-created.v1`.
public struct ProductCreated: ProductSnapshotEvent, Equatable {
    public static let name = "product-created"
    /// The product as created.
    public var product: ProductSnapshot
    /// A payload for `product`.
    public init(product: ProductSnapshot) { self.product = product }
}

/// `mercato.catalog.product-updated.v1`.
public struct ProductUpdated: ProductSnapshotEvent, Equatable {
    public static let name = "product-updated"
    /// The product after the change.
    public var product: ProductSnapshot
    /// A payload for `product`.
    public init(product: ProductSnapshot) { self.product = product }
}

/// `mercato.catalog.product-deleted.v1`: the product was archived and can no longer be bought.
public struct ProductDeleted: ProductSnapshotEvent, Equatable {
    public static let name = "product-deleted"
    /// The product as archived.
    public var product: ProductSnapshot
    /// A payload for `product`.
    public init(product: ProductSnapshot) { self.product = product }
}

/// `mercato.catalog.price-changed.v1`.
public struct PriceChanged: EventPayload, Equatable {
    public static let producer = "catalog"
    public static let name = "price-changed"
    public static let version = 1
    /// Product id.
    public var productID: UUID
    /// SKU.
    public var sku: String
    /// Product name, for messages such as price-drop notices.
    public var productName: String
    /// Price before.
    public var oldPrice: EventMoney
    /// Price after.
    public var newPrice: EventMoney
    /// Product version after the change.
    public var version: Int

    /// A payload with every field.
    public init(productID: UUID, sku: String, productName: String, oldPrice: EventMoney, newPrice: EventMoney, version: Int) {
        self.productID = productID
        self.sku = sku
        self.productName = productName
        self.oldPrice = oldPrice
        self.newPrice = newPrice
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", sku, productName = "product_name", oldPrice = "old_price", newPrice = "new_price", version
    }

    public static let jsonSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"price-changed.v1","type":"object",
     "required":["product_id","sku","product_name","old_price","new_price","version"],"additionalProperties":false,
     "$defs":{"money":{"type":"object","required":["amount","currency"],"additionalProperties":false,
       "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}}},
     "properties":{"product_id":{"type":"string","format":"uuid"},"sku":{"type":"string"},"product_name":{"type":"string"},
      "old_price":{"$ref":"#/$defs/money"},"new_price":{"$ref":"#/$defs/money"},"version":{"type":"integer","minimum":1}}}
    """
}

/// `mercato.catalog.stock-updated.v1`: a stock movement was recorded.
public struct StockUpdated: EventPayload, Equatable {
    public static let producer = "catalog"
    public static let name = "stock-updated"
    public static let version = 1
    /// Product id.
    public var productID: UUID
    /// Change applied.
    public var delta: Int
    /// `restock`, `correction`, `damage` (later also reservation movements).
    public var reason: String
    /// Units on hand after the change.
    public var onHand: Int
    /// Units reserved after the change.
    public var reserved: Int
    /// Units available after the change.
    public var available: Int

    /// A payload with every field.
    public init(productID: UUID, delta: Int, reason: String, onHand: Int, reserved: Int, available: Int) {
        self.productID = productID
        self.delta = delta
        self.reason = reason
        self.onHand = onHand
        self.reserved = reserved
        self.available = available
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", delta, reason, onHand = "on_hand", reserved, available
    }

    public static let jsonSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"stock-updated.v1","type":"object",
     "required":["product_id","delta","reason","on_hand","reserved","available"],"additionalProperties":false,
     "properties":{"product_id":{"type":"string","format":"uuid"},"delta":{"type":"integer"},"reason":{"type":"string"},
      "on_hand":{"type":"integer","minimum":0},"reserved":{"type":"integer","minimum":0},"available":{"type":"integer","minimum":0}}}
    """
}

import Foundation

/// The body of `POST /api/v1/orders`: what to buy, where to ship it, how to pay. Prices are never taken from here.
public struct PlaceOrderRequest: Codable, Sendable, Equatable {
    /// One product and how many.
    public struct Item: Codable, Sendable, Equatable {
        /// Catalog product id.
        public var productID: UUID
        /// Units, 1…999.
        public var quantity: Int

        /// An item.
        public init(productID: UUID, quantity: Int) {
            self.productID = productID
            self.quantity = quantity
        }

        enum CodingKeys: String, CodingKey {
            case productID = "product_id", quantity
        }
    }

    /// How the customer pays: a card token from the PSP's client-side tokenization.
    public struct Payment: Codable, Sendable, Equatable {
        /// Must be `card`.
        public var method: String
        /// The PSP card token.
        public var token: String

        /// A payment choice.
        public init(method: String, token: String) {
            self.method = method
            self.token = token
        }
    }

    /// Lines to order, 1…50 distinct products.
    public var items: [Item]
    /// Where to ship.
    public var shippingAddress: ShippingAddress
    /// How to pay.
    public var payment: Payment

    /// A request with every part.
    public init(items: [Item], shippingAddress: ShippingAddress, payment: Payment) {
        self.items = items
        self.shippingAddress = shippingAddress
        self.payment = payment
    }

    enum CodingKeys: String, CodingKey {
        case items, shippingAddress = "shipping_address", payment
    }
}

/// A shipping address as orders store and return it.
public struct ShippingAddress: Codable, Sendable, Equatable {
    /// Recipient name.
    public var name: String
    /// First line.
    public var line1: String
    /// Optional second line.
    public var line2: String?
    /// City.
    public var city: String
    /// Postal code.
    public var postalCode: String
    /// ISO 3166-1 alpha-2 country code, uppercase.
    public var country: String

    /// An address with every part.
    public init(name: String, line1: String, line2: String?, city: String, postalCode: String, country: String) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case name, line1, line2, city, country, postalCode = "postal_code"
    }
}

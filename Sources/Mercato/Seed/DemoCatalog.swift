/// The demo catalog `mercato seed` creates: a category tree and generated products.
enum DemoCatalog {
    /// A category: slug, name and parent slug.
    struct Category {
        var slug: String
        var name: String
        var parent: String?
    }

    /// A product to create.
    struct Product {
        var sku: String
        var name: String
        var description: String
        var category: String
        var priceCents: Int
        var stock: Int
        var attributes: [String: Any]
    }

    static let categories: [Category] = [
        .init(slug: "electronics", name: "Electronics", parent: nil),
        .init(slug: "audio", name: "Audio", parent: "electronics"),
        .init(slug: "headphones", name: "Headphones", parent: "audio"),
        .init(slug: "computers", name: "Computers", parent: "electronics"),
        .init(slug: "home", name: "Home & Kitchen", parent: nil),
        .init(slug: "coffee", name: "Coffee", parent: "home"),
        .init(slug: "books", name: "Books", parent: nil),
    ]

    /// Leaf-ish categories products go into, with the words their names are made from.
    static let lines: [(category: String, nouns: [String])] = [
        ("headphones", ["Headphones", "Earbuds", "Headset"]),
        ("audio", ["Speaker", "Soundbar", "Turntable"]),
        ("computers", ["Laptop", "Keyboard", "Monitor", "Mouse"]),
        ("coffee", ["Espresso Machine", "Grinder", "Kettle", "Coffee Beans"]),
        ("books", ["Novel", "Cookbook", "Field Guide"]),
    ]

    static let adjectives = ["Compact", "Classic", "Wireless", "Studio", "Travel", "Pro", "Silent", "Deluxe"]

    /// 120 products, the same every time (so seeding is idempotent by SKU).
    static var products: [Product] {
        var result: [Product] = []
        var index = 0
        for adjective in adjectives {
            for line in lines {
                for noun in line.nouns where result.count < 120 {
                    index += 1
                    let name = "\(adjective) \(noun)"
                    result.append(Product(
                        sku: "DEMO-\(String(format: "%04d", index))",
                        name: name,
                        description: "A \(adjective.lowercased()) \(noun.lowercased()) from the Mercato demo catalog.",
                        category: line.category,
                        priceCents: 499 + (index * 731) % 49_500,
                        stock: 5 + (index * 7) % 60,
                        attributes: ["brand": ["Acme", "Globex", "Initech", "Umbrella"][index % 4], "color": ["black", "white", "silver"][index % 3]]))
                }
            }
        }
        return result
    }
}

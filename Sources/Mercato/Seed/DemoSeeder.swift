import ArgumentParser
import Foundation

/// Creates the demo catalog through catalog's public API, skipping what already exists.
struct DemoSeeder: Sendable {
    let catalog: APIClient

    /// Logs the stack's admin in (password from config or the data dir's secrets) and returns an access token.
    static func adminToken(config: StackConfig) async throws -> String {
        let identity = APIClient(baseURL: config.url(of: "identity"))
        guard let adminPassword = config.adminPassword
                ?? (try? String(contentsOfFile: config.secretsDirectory + "/admin-password", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
        else { throw ValidationError("no admin password: set MERCATO_ADMIN_PASSWORD or start the stack with mercato up") }
        let login = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": config.adminEmail, "password": adminPassword])
        guard login.status == 200, let token = login.object["access_token"] as? String else {
            throw ValidationError("admin login failed (\(login.status)): \(login.text)")
        }
        return token
    }

    /// Creates missing categories parent-first; returns slug → id.
    func seedCategories() async throws -> [String: String] {
        var ids = try await existingCategories()
        for category in DemoCatalog.categories where ids[category.slug] == nil {
            var body: [String: Any] = ["slug": category.slug, "name": category.name]
            if let parent = category.parent { body["parent_id"] = ids[parent] }
            let reply = try await catalog.send(.POST, "/api/v1/categories", json: body)
            guard reply.status == 201, let id = reply.object["id"] as? String else {
                throw ValidationError("creating category \(category.slug) failed (\(reply.status)): \(reply.text)")
            }
            ids[category.slug] = id
        }
        return ids
    }

    func existingCategories() async throws -> [String: String] {
        let reply = try await catalog.send(.GET, "/api/v1/categories")
        var ids: [String: String] = [:]
        func walk(_ nodes: [[String: Any]]) {
            for node in nodes {
                if let slug = node["slug"] as? String, let id = node["id"] as? String { ids[slug] = id }
                walk(node["children"] as? [[String: Any]] ?? [])
            }
        }
        let object = reply.object
        walk(object["items"] as? [[String: Any]] ?? object["categories"] as? [[String: Any]] ?? reply.array)
        return ids
    }

    /// Creates missing products (a duplicate SKU answers 409) and stocks the new ones.
    func seedProducts(categoryIDs: [String: String]) async throws -> (created: Int, existing: Int) {
        var created = 0
        var existing = 0
        for product in DemoCatalog.products {
            let body: [String: Any] = [
                "sku": product.sku, "name": product.name, "description": product.description,
                "category_id": categoryIDs[product.category] ?? NSNull(), "status": "active",
                "price": ["amount": product.priceCents, "currency": "EUR"], "attributes": product.attributes,
                "images": ["https://images.mercato.example/\(product.sku.lowercased()).jpg"],
            ]
            let reply = try await catalog.send(.POST, "/api/v1/products", json: body)
            if reply.status == 409 { existing += 1; continue }
            guard reply.status == 201, let id = reply.object["id"] as? String else {
                throw ValidationError("creating product \(product.sku) failed (\(reply.status)): \(reply.text)")
            }
            let stock = try await catalog.send(.POST, "/api/v1/products/\(id)/inventory/adjustments",
                                               json: ["delta": product.stock, "reason": "restock"])
            guard stock.status == 200 || stock.status == 201 else {
                throw ValidationError("stocking \(product.sku) failed (\(stock.status)): \(stock.text)")
            }
            created += 1
        }
        return (created, existing)
    }
}

import ArgumentParser
import Foundation
import LocalCluster

/// `mercato seed`: a demo catalog and one customer account, through the public APIs; safe to run twice.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Create a demo catalog and a customer account (idempotent).")

    @OptionGroup var options: StackOptions

    func run() async throws {
        let config = try await options.stackConfig()
        let secrets = SecretStore(directory: config.secretsDirectory)
        let identity = APIClient(baseURL: config.url(of: "identity"))
        guard let adminPassword = config.adminPassword
                ?? (try? String(contentsOfFile: config.secretsDirectory + "/admin-password", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
        else { throw ValidationError("no admin password: set MERCATO_ADMIN_PASSWORD or start the stack with mercato up") }
        let login = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": config.adminEmail, "password": adminPassword])
        guard login.status == 200, let token = login.object["access_token"] as? String else {
            throw ValidationError("admin login failed (\(login.status)): \(login.text)")
        }
        let catalog = APIClient(baseURL: config.url(of: "catalog"), bearer: token)
        let categoryIDs = try await seedCategories(catalog)
        let (created, existing) = try await seedProducts(catalog, categoryIDs: categoryIDs)
        print("  ✓ categories  \(categoryIDs.count)")
        print("  ✓ products    \(created) created, \(existing) already there")

        let customerEmail = "customer@mercato.local"
        let customerPassword = try secrets.secret("customer-password", bytes: 12)
        let register = try await identity.send(.POST, "/api/v1/auth/register",
                                               json: ["email": customerEmail, "password": customerPassword, "name": "Demo Customer"])
        guard register.status == 201 || register.status == 409 else {
            throw ValidationError("customer registration failed (\(register.status)): \(register.text)")
        }
        print("  ✓ customer    \(customerEmail) / password in \(config.secretsDirectory)/customer-password")
    }

    /// Creates missing categories parent-first; returns slug → id.
    func seedCategories(_ catalog: APIClient) async throws -> [String: String] {
        var ids = try await existingCategories(catalog)
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

    func existingCategories(_ catalog: APIClient) async throws -> [String: String] {
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
    func seedProducts(_ catalog: APIClient, categoryIDs: [String: String]) async throws -> (created: Int, existing: Int) {
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

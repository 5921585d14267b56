import AsyncHTTPClient
import Foundation
import LocalCluster

/// What a load run needs before it starts: stocked products, one sold-out product, and logged-in customers.
struct LoadWorld: Sendable {
    /// Ids of active products stocked for the run.
    var products: [String]
    /// Words from product names, for searches.
    var searchTerms: [String]
    /// An active product with no stock (out-of-stock orders).
    var soldOutProduct: String
    /// The load customers' sessions (access tokens renewed as they near expiry).
    var customers: [CustomerSession]
}

/// Prepares a `LoadWorld` through the public APIs as the stack's admin (pure HTTP, idempotent).
struct LoadSetup: Sendable {
    static let soldOutSKU = "LOAD-SOLD-OUT"

    let config: StackConfig
    let http: HTTPClient

    /// Stocks up to `productCount` active products to at least `stockFloor` available units, makes sure the sold-out
    /// product exists with zero stock, and registers + logs in `customers` customers.
    func prepare(customers: Int, productCount: Int = 40, stockFloor: Int = 100_000) async throws -> LoadWorld {
        let admin = APIClient(baseURL: config.url(of: "catalog"), bearer: try await DemoSeeder.adminToken(config: config), http: http)
        let listing = try await admin.send(.GET, "/api/v1/products?status=active&limit=100")
        let items = (listing.object["items"] as? [[String: Any]] ?? []).filter { ($0["sku"] as? String) != Self.soldOutSKU }
        guard !items.isEmpty else { throw LoadError("no active products: run mercato seed first") }
        let chosen = Array(items.prefix(productCount))
        for item in chosen { try await ensureStock(of: item["id"] as? String ?? "", atLeast: stockFloor, admin: admin) }
        let terms = Set(chosen.compactMap { ($0["name"] as? String)?.split(separator: " ").first.map(String.init) }).sorted()
        return LoadWorld(products: chosen.compactMap { $0["id"] as? String }, searchTerms: terms.isEmpty ? ["a"] : terms,
                         soldOutProduct: try await soldOutProduct(admin: admin), customers: try await customerSessions(customers))
    }

    func ensureStock(of product: String, atLeast floor: Int, admin: APIClient) async throws {
        let inventory = try await admin.send(.GET, "/api/v1/products/\(product)/inventory")
        let available = inventory.object["available"] as? Int ?? 0
        guard available < floor else { return }
        let adjusted = try await admin.send(.POST, "/api/v1/products/\(product)/inventory/adjustments",
                                            json: ["delta": floor - available, "reason": "restock"])
        guard adjusted.status == 201 || adjusted.status == 200 else {
            throw LoadError("restocking \(product) failed (\(adjusted.status)): \(adjusted.text)")
        }
    }

    /// The sold-out product's id, created on first use; any stock it gained is written off.
    func soldOutProduct(admin: APIClient) async throws -> String {
        let created = try await admin.send(.POST, "/api/v1/products", json: [
            "sku": Self.soldOutSKU, "name": "Sold-out load-test item", "description": "Always out of stock.", "status": "active",
            "price": ["amount": 100, "currency": "EUR"], "attributes": [String: String](), "images": [String](),
        ])
        let id: String
        if created.status == 201, let new = created.object["id"] as? String {
            id = new
        } else if created.status == 409, let existing = try await findProduct(sku: Self.soldOutSKU, admin: admin) {
            id = existing
        } else {
            throw LoadError("creating the sold-out product failed (\(created.status)): \(created.text)")
        }
        let onHand = (try await admin.send(.GET, "/api/v1/products/\(id)/inventory")).object["available"] as? Int ?? 0
        if onHand > 0 {
            _ = try await admin.send(.POST, "/api/v1/products/\(id)/inventory/adjustments", json: ["delta": -onHand, "reason": "correction"])
        }
        return id
    }

    /// Walks every product page for `sku`.
    func findProduct(sku: String, admin: APIClient) async throws -> String? {
        var cursor: String?
        repeat {
            let query = "/api/v1/products?limit=100" + (cursor.map { "&cursor=" + APIClient.queryValue($0) } ?? "")
            let page = try await admin.send(.GET, query).object
            if let match = (page["items"] as? [[String: Any]] ?? []).first(where: { $0["sku"] as? String == sku }) { return match["id"] as? String }
            cursor = page["next_cursor"] as? String
        } while cursor != nil
        return nil
    }

    /// Registers (409 = already there) and logs in `count` customers `load-<n>@load.mercato.local`.
    func customerSessions(_ count: Int) async throws -> [CustomerSession] {
        let identity = APIClient(baseURL: config.url(of: "identity"), http: http)
        let password = try SecretStore(directory: config.secretsDirectory).secret("load-customer-password", bytes: 12)
        var sessions: [CustomerSession] = []
        for index in 0..<count {
            let email = "load-\(index)@load.mercato.local"
            let registered = try await identity.send(.POST, "/api/v1/auth/register", json: ["email": email, "password": password, "name": "Load \(index)"])
            guard registered.status == 201 || registered.status == 409 else {
                throw LoadError("registering \(email) failed (\(registered.status)): \(registered.text)")
            }
            let login = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": email, "password": password])
            guard login.status == 200, let tokens = CustomerSession.Tokens(reply: login.object, receivedAt: .now) else {
                throw LoadError("logging in \(email) failed (\(login.status)): \(login.text)")
            }
            sessions.append(CustomerSession(tokens: tokens, identity: identity))
        }
        return sessions
    }
}

import Hummingbird
import MercatoCore
import Testing

/// The route table tells an unknown path from a known path with another method.
@Suite struct RouteTableTests {
    @Test func matchesCapturesAndLiterals() {
        let router = Router(context: AppRequestContext.self)
        router.get("/api/v1/products/:id") { _, _ in "" }
        router.patch("/api/v1/products/:id") { _, _ in "" }
        router.post("/api/v1/products/:id/inventory/adjustments") { _, _ in "" }
        let table = RouteTable()
        table.load(router)
        #expect(Set(table.methods(forPath: "/api/v1/products/42").map(\.rawValue)) == ["GET", "PATCH"])
        #expect(table.methods(forPath: "/api/v1/products/42/inventory/adjustments").map(\.rawValue) == ["POST"])
        #expect(table.methods(forPath: "/api/v1/products").isEmpty)
        #expect(table.methods(forPath: "/api/v1/products/42/other").isEmpty)
    }
}

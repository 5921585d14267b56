import Testing
@testable import IdentityService

@Suite struct ServiceClientTests {
    @Test func entriesParse() {
        let client = ServiceClient(entry: "orders:s3cret:catalog:stock.reserve  stock.read")
        #expect(client == ServiceClient(id: "orders", secret: "s3cret", audience: "catalog", scope: "stock.reserve stock.read"))
        #expect(ServiceClient(entry: "orders:s3cret:catalog")?.scope == "")
        #expect(ServiceClient(entry: "orders:s3cret") == nil)
        #expect(ServiceClient(entry: "orders::catalog:x") == nil)
    }

    @Test func registryChecksIdAndSecret() {
        let registry = ServiceClientRegistry([ServiceClient(id: "orders", secret: "s3cret", audience: "catalog", scope: "a")])
        #expect(registry.authenticate(id: "orders", secret: "s3cret")?.audience == "catalog")
        #expect(registry.authenticate(id: "orders", secret: "s3cre") == nil)
        #expect(registry.authenticate(id: "payments", secret: "s3cret") == nil)
    }
}

@Suite struct ServiceClientAudienceTests {
    let client = ServiceClient(entry: "mercato-cli:s3cret:catalog  orders payments:audit")!

    @Test func severalAudiencesParse() {
        #expect(client.audiences == ["catalog", "orders", "payments"])
        #expect(client.scope == "audit")
    }

    @Test func requestedAudienceMustBeTheClients() {
        #expect(client.audiences(requested: nil) == ["catalog", "orders", "payments"])
        #expect(client.audiences(requested: "") == ["catalog", "orders", "payments"])
        #expect(client.audiences(requested: "orders") == ["orders"])
        #expect(client.audiences(requested: "orders payments") == ["orders", "payments"])
        #expect(client.audiences(requested: "identity") == nil)
        #expect(client.audiences(requested: "orders identity") == nil)
    }

    @Test func requestedScopeMustBeTheClients() {
        let orders = ServiceClient(entry: "orders:s3cret:catalog:pricing stock.read")!
        #expect(orders.scope(requested: nil) == "pricing stock.read")
        #expect(orders.scope(requested: "pricing") == "pricing")
        #expect(orders.scope(requested: "pricing admin") == nil)
    }
}

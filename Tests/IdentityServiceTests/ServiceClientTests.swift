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

import MercatoTestSupport
import Testing
@testable import CatalogService

@Suite struct PlatformHTTPTests {
    @Test func docsFileMatchesTheEmbeddedDocument() throws {
        try OpenAPIDocsFile.expectMatches(CatalogOpenAPI.document, service: "catalog")
    }

    @Test func documentNamesEveryRoute() {
        OpenAPIDocsFile.expectPaths(["/api/v1/categories", "/api/v1/categories/{id}", "/api/v1/products",
                                     "/api/v1/products/{id}", "/api/v1/products/{id}/price",
                                     "/api/v1/products/{id}/price-history", "/api/v1/products/{id}/inventory",
                                     "/api/v1/products/{id}/inventory/adjustments",
                                     "/api/v1/products/{id}/inventory/movements", "/internal/v1/pricing/quote",
                                     "/internal/v1/audit/stock", "/internal/v1/audit/reservations",
                                     "/internal/v1/audit/outbox", "/internal/v1/audit/outbox/events", "/internal/v1/audit/inbox",
                                     "/internal/v1/audit/inbox/events"], in: CatalogOpenAPI.document)
    }

    @Test func platformRoutesAnswer() async throws {
        try await CatalogTestApp.run { client in
            #expect(try await client.send(.get, "/health/live").status == .ok)
            let ready = try await client.send(.get, "/health/ready")
            #expect(ready.status == .ok, "\(ready.text)")
            let document = try await client.send(.get, "/openapi.yaml")
            #expect(document.text == CatalogOpenAPI.document)
            #expect(document.mediaType == "application/yaml")
            #expect(try await client.send(.get, "/metrics").status == .ok)
            expectProblem(try await client.send(.put, "/api/v1/categories", as: .staff, json: "{}"), .methodNotAllowed)
        }
    }
}

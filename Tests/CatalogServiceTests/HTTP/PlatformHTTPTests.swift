import Foundation
import Testing
@testable import CatalogService

@Suite struct PlatformHTTPTests {
    @Test func docsFileMatchesTheEmbeddedDocument() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api/catalog.yaml")
        let file = try String(contentsOf: path, encoding: .utf8)
        #expect(file == CatalogOpenAPI.document + "\n")
    }

    @Test func documentNamesEveryRoute() {
        for path in ["/health/live", "/health/ready", "/metrics", "/openapi.yaml", "/api/v1/categories:", "/api/v1/categories/{id}:",
                     "/api/v1/products:", "/api/v1/products/{id}:", "/api/v1/products/{id}/price:", "/api/v1/products/{id}/price-history:",
                     "/api/v1/products/{id}/inventory:", "/api/v1/products/{id}/inventory/adjustments:",
                     "/api/v1/products/{id}/inventory/movements:", "/internal/v1/pricing/quote:", "/internal/v1/audit/stock:",
                     "/internal/v1/audit/reservations:", "/internal/v1/audit/outbox:"] {
            #expect(CatalogOpenAPI.document.contains("  \(path)"), "\(path)")
        }
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

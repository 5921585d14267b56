import MercatoTestSupport
import Testing
@testable import OrdersService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        try OpenAPIDocsFile.expectMatches(OrdersOpenAPI.document, service: "orders")
    }

    @Test func everyRouteIsDocumented() {
        OpenAPIDocsFile.expectPaths(["/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/cancel",
                                     "/api/v1/orders/{id}/status", "/internal/v1/audit/orders", "/internal/v1/audit/outbox",
                                     "/internal/v1/audit/outbox/events", "/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"],
                                    in: OrdersOpenAPI.document)
    }

    @Test func platformRoutesAnswer() async throws {
        try await OrdersTestApp.run { app in
            let document = try await app.send(.get, "/openapi.yaml")
            #expect(String(buffer: document.body) == OrdersOpenAPI.document)
            #expect(try await app.send(.get, "/health/live").status == .ok)
            #expect(try await app.send(.get, "/health/ready").status == .ok)
            #expect(try await app.send(.get, "/metrics").status == .ok)
            try await app.send(.delete, "/api/v1/orders").expectProblem(.methodNotAllowed)
        }
    }
}

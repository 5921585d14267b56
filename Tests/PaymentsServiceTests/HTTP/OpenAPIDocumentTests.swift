import MercatoTestSupport
import Testing
@testable import PaymentsService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        try OpenAPIDocsFile.expectMatches(PaymentsOpenAPI.document, service: "payments")
    }

    @Test func everyRouteIsDocumented() {
        OpenAPIDocsFile.expectPaths(["/api/v1/payments", "/api/v1/payments/{id}", "/internal/v1/audit/payments",
                                     "/internal/v1/audit/ledger", "/internal/v1/audit/outbox", "/internal/v1/audit/outbox/events",
                                     "/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"], in: PaymentsOpenAPI.document)
    }

    @Test func platformRoutesAnswer() async throws {
        try await PaymentsTestApp.run { app in
            let document = try await app.send(.get, "/openapi.yaml")
            #expect(String(buffer: document.body) == PaymentsOpenAPI.document)
            #expect(try await app.send(.get, "/health/live").status == .ok)
            #expect(try await app.send(.get, "/health/ready").status == .ok)
            #expect(try await app.send(.get, "/metrics").status == .ok)
        }
    }
}

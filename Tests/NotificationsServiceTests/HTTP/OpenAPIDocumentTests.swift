import MercatoTestSupport
import Testing
@testable import NotificationsService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        try OpenAPIDocsFile.expectMatches(NotificationsOpenAPI.document, service: "notifications")
    }

    @Test func everyRouteIsDocumented() {
        OpenAPIDocsFile.expectPaths(["/api/v1/notifications", "/api/v1/notifications/{id}/read",
                                     "/api/v1/notifications/preferences", "/api/v1/notifications/stream", "/internal/v1/audit/inbox",
                                     "/internal/v1/audit/inbox/events"], in: NotificationsOpenAPI.document)
    }

    @Test func platformRoutesAnswer() async throws {
        try await NotificationsTestApp.run { app in
            let document = try await app.send(.get, "/openapi.yaml")
            #expect(String(buffer: document.body) == NotificationsOpenAPI.document)
            #expect(try await app.send(.get, "/health/live").status == .ok)
            #expect(try await app.send(.get, "/health/ready").status == .ok)
            #expect(try await app.send(.get, "/metrics").status == .ok)
            try await app.send(.delete, "/api/v1/notifications/preferences").expectProblem(.methodNotAllowed)
        }
    }
}

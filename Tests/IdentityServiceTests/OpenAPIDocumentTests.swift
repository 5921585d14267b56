import HummingbirdTesting
import MercatoTestSupport
import Testing
@testable import IdentityService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        try OpenAPIDocsFile.expectMatches(IdentityOpenAPI.document, service: "identity")
    }

    @Test func everyRouteIsDocumented() {
        OpenAPIDocsFile.expectPaths(["/.well-known/jwks.json", "/api/v1/auth/register", "/api/v1/auth/login",
                                     "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/users/me",
                                     "/api/v1/users/me/preferences", "/api/v1/users", "/api/v1/users/{id}", "/oauth/token",
                                     "/internal/v1/audit/outbox", "/internal/v1/audit/outbox/events"], in: IdentityOpenAPI.document)
    }

    @Test func platformRoutesAnswer() async throws {
        try await IdentityTestApp.test { client in
            let document = try await client.send(.get, "/openapi.yaml")
            #expect(document.status == .ok)
            #expect(String(buffer: document.body) == IdentityOpenAPI.document)
            #expect(try await client.send(.get, "/health/live").status == .ok)
            #expect(try await client.send(.get, "/health/ready").status == .ok)
            #expect(try await client.send(.get, "/metrics").status == .ok)
            client.expectProblem(try await client.send(.put, "/api/v1/auth/login", json: "{}"), .methodNotAllowed)
        }
    }
}

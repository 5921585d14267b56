import Foundation
import HummingbirdTesting
import Testing
@testable import IdentityService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/api/identity.yaml").path
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == IdentityOpenAPI.document + "\n")
    }

    @Test func everyRouteIsDocumented() {
        let document = IdentityOpenAPI.document
        for path in ["/health/live:", "/health/ready:", "/metrics:", "/openapi.yaml:", "/.well-known/jwks.json:",
                     "/api/v1/auth/register:", "/api/v1/auth/login:", "/api/v1/auth/refresh:", "/api/v1/auth/logout:",
                     "/api/v1/users/me:", "/api/v1/users/me/preferences:", "/api/v1/users:", "/api/v1/users/{id}:", "/oauth/token:",
                     "/internal/v1/audit/outbox:"] {
            #expect(document.contains("\n  \(path)\n"), "\(path)")
        }
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

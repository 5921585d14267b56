import Foundation
import Testing
@testable import NotificationsService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api/notifications.yaml").path
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == NotificationsOpenAPI.document + "\n")
    }

    @Test func everyRouteIsDocumented() {
        for path in ["/health/live:", "/health/ready:", "/metrics:", "/openapi.yaml:", "/api/v1/notifications:",
                     "/api/v1/notifications/{id}/read:", "/api/v1/notifications/preferences:", "/api/v1/notifications/stream:"] {
            #expect(NotificationsOpenAPI.document.contains("\n  \(path)\n"), "\(path)")
        }
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

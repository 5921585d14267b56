import Foundation
import Testing
@testable import PaymentsService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api/payments.yaml").path
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == PaymentsOpenAPI.document + "\n")
    }

    @Test func everyRouteIsDocumented() {
        for path in ["/health/live:", "/health/ready:", "/metrics:", "/openapi.yaml:", "/api/v1/payments:", "/api/v1/payments/{id}:",
                     "/internal/v1/audit/payments:", "/internal/v1/audit/ledger:", "/internal/v1/audit/outbox:"] {
            #expect(PaymentsOpenAPI.document.contains("\n  \(path)\n"), "\(path)")
        }
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

import Foundation
import Testing
@testable import OrdersService

@Suite struct OpenAPIDocumentTests {
    @Test func docsFileEqualsTheEmbeddedDocument() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api/orders.yaml").path
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == OrdersOpenAPI.document + "\n")
    }

    @Test func everyRouteIsDocumented() {
        for path in ["/health/live:", "/health/ready:", "/metrics:", "/openapi.yaml:", "/api/v1/orders:", "/api/v1/orders/{id}:",
                     "/api/v1/orders/{id}/cancel:", "/api/v1/orders/{id}/status:", "/internal/v1/audit/orders:",
                     "/internal/v1/audit/outbox:"] {
            #expect(OrdersOpenAPI.document.contains("\n  \(path)\n"), "\(path)")
        }
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

import Foundation
import LocalCluster
import Testing

/// Keeps each service's OpenAPI document true: schemathesis generates requests from the document
/// the running service serves and fails on a 5xx, an undocumented status code or content type, or a
/// response body that does not match its schema.
@Suite(.serialized) struct OpenAPIContractTests {
    static let checks = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"

    var schemathesis: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        return ProcessInfo.processInfo.environment["MERCATO_SCHEMATHESIS"] ?? root + "/.build/tools-venv/bin/st"
    }

    @Test func runningServicesMatchTheirDocuments() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: schemathesis),
                     "schemathesis is missing at \(schemathesis): run scripts/setup")
        let stack = try StackHarness()
        defer { stack.tearDown() }
        let up = try await stack.mercato(["up", "--detach"])
        try #require(up.status == 0, "mercato up failed:\n\(up.output)")

        let identity = JSONClient(baseURL: stack.identityURL)
        let login = try await identity.send(.POST, "/api/v1/auth/login", json: ["email": "admin@e2e.test", "password": stack.adminPassword])
        let token = try #require(login.object["access_token"] as? String, "\(login.text)")

        for url in [stack.identityURL, stack.catalogURL, stack.ordersURL, stack.paymentsURL, stack.notificationsURL] {
            let result = try await run(schemathesis, [
                "run", url + "/openapi.yaml", "--url", url, "--checks", Self.checks,
                "--max-examples", "15", "--seed", "20261123", "--request-timeout", "10", "--max-failures", "50",
                "--generation-allow-x00", "false", "--generation-codec", "ascii",
                "-H", "Authorization: Bearer \(token)",
            ])
            #expect(result.status == 0, "schemathesis found disagreements for \(url):\n\(result.output.suffix(12000))")
        }
    }

    func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = try await CommandRunner(environment: ["SCHEMATHESIS_TELEMETRY": "false"]).runOffPool(executable, arguments, allowFailure: true)
        return (output.status, output.text)
    }
}

import Foundation
import Testing

/// `mercato load` on the real stack for longer than one access token lives: the customers' tokens are renewed
/// through `POST /api/v1/auth/refresh`, so no request of the run is refused and the final check passes.
@Suite(.serialized) struct LoadEndToEndTests {
    @Test func loadOutlivesItsAccessTokens() async throws {
        // Tokens live 12 s: renewal is due 1.2 s before expiry; a 30 s run needs at least two renewals per customer.
        let stack = try StackHarness(environment: ["MERCATO_IDENTITY_ACCESS_TOKEN_TTL": "12"])
        defer { stack.tearDown() }
        let up = try await stack.mercato(["up", "--detach"])
        #expect(up.status == 0, "mercato up failed:\n\(up.output)")
        guard up.status == 0 else { return }
        let seed = try await stack.mercato(["seed"])
        #expect(seed.status == 0, "mercato seed failed:\n\(seed.output)")

        let load = try await stack.mercato(["load", "--duration", "30s", "--concurrency", "4", "--customers", "2", "--json"])
        #expect(load.status == 0, "mercato load failed:\n\(load.output)")
        let report = try #require(Self.jsonObject(in: load.output), "no JSON report in:\n\(load.output)")
        let result = try #require(report["result"] as? [String: Any], "no result in \(report)")
        #expect(result["errors"] as? Int == 0, "requests failed: \(result["errorSamples"] ?? "")")
        #expect(result["ordersPlaced"] as? Int ?? 0 > 0, "no order placed: \(result)")
    }

    /// The last top-level JSON object printed (the report follows any progress lines).
    static func jsonObject(in output: String) -> [String: Any]? {
        guard let start = output.firstIndex(of: "{"), let end = output.lastIndex(of: "}") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(output[start...end].utf8))) as? [String: Any]
    }
}

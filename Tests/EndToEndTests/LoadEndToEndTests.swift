import Foundation
import Testing

/// `mercato load` on the real stack for longer than one access token lives: the customers' tokens are renewed
/// through `POST /api/v1/auth/refresh`, so no request of the run is refused and the final check passes.
@Suite(.serialized) struct LoadEndToEndTests {
    @Test func loadOutlivesItsAccessTokens() async throws {
        // Tokens live 5 s and verifiers allow 30 s of clock leeway, so a token is refused 35 s after login: a 45 s run
        // fails without renewal (renewal is due 0.5 s before expiry, about nine times per customer here).
        let stack = try StackHarness(environment: ["MERCATO_IDENTITY_ACCESS_TOKEN_TTL": "5"])
        defer { stack.tearDown() }
        let up = try await stack.mercato(["up", "--detach"])
        #expect(up.status == 0, "mercato up failed:\n\(up.output)")
        guard up.status == 0 else { return }
        let seed = try await stack.mercato(["seed"])
        #expect(seed.status == 0, "mercato seed failed:\n\(seed.output)")

        let load = try await stack.mercato(["load", "--duration", "45s", "--concurrency", "4", "--customers", "2", "--json"])
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

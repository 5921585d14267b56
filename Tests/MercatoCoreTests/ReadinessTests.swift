import Foundation
import Hummingbird
import HummingbirdTesting
import MercatoCore
import Testing

/// `/health/ready` runs every check, reports each, and turns 503 when one fails or on shutdown.
@Suite struct ReadinessTests {
    struct Down: Error {}

    @Test func reportListsEveryCheck() async {
        let flag = ReadinessFlag()
        let readiness = Readiness(checks: [
            HealthCheck(name: "db") {},
            flag.check(name: "migrations", message: "not yet"),
            HealthCheck(name: "broken") { throw Down() },
        ])
        var report = await readiness.report()
        #expect(report.status == "down")
        #expect(report.checks.map(\.name) == ["broken", "db", "migrations"])
        #expect(report.checks.first { $0.name == "migrations" }?.error == "not yet")
        #expect(report.checks.first { $0.name == "broken" }?.error == "unavailable")
        flag.set()
        report = await Readiness(checks: [flag.check(name: "migrations", message: "")]).report()
        #expect(report.status == "up")
    }

    @Test func slowChecksTimeOut() async {
        let readiness = Readiness(checks: [HealthCheck(name: "slow") { try await Task.sleep(for: .seconds(30)) }])
        let report = await readiness.report(timeout: 0.05)
        #expect(report.status == "down")
        #expect(report.checks.first?.error?.contains("timed out") == true)
    }

    @Test func drainingTurnsTheEndpoint503() async throws {
        let readiness = Readiness(checks: [HealthCheck(name: "db") {}])
        let router = Router(context: AppRequestContext.self)
        PlatformRoutes.add(to: router, readiness: readiness, metrics: MetricsRegistry(bootstrapSystem: false), openAPIDocument: "openapi: 3.1.0")
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { #expect($0.status == .ok) }
            readiness.beginDraining()
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("shutting down"))
            }
            try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains("process_resident_memory_bytes"))
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { #expect(String(buffer: $0.body) == "openapi: 3.1.0") }
        }
    }
}

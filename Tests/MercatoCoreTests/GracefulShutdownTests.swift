import AsyncHTTPClient
import Hummingbird
import Logging
import MercatoCore
import MercatoTestSupport
import NIOCore
import ServiceLifecycle
import Testing

/// On shutdown readiness turns 503 first, and a request already in flight still completes.
@Suite struct GracefulShutdownTests {
    @Test func inFlightRequestFinishesAndReadinessDrainsFirst() async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "shutdown")
        var environment = TestEnvironment.make(
            definition: ServiceDefinition(name: "shutdowntest", defaultPort: 0, migrations: [], openAPIDocument: nil),
            postgres: postgres)
        // A drain long enough that the readiness probe below still finds the listener open on a busy CI machine.
        let http = HTTPServerConfig(port: 0, drainDelay: 3, shutdownTimeout: 10)
        environment = ServiceEnvironment(definition: environment.definition, config: environment.config, logger: environment.logger,
                                         http: http, auth: environment.auth, database: environment.database, metrics: environment.metrics)
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (slowStarted, slowStartedContinuation) = AsyncStream.makeStream(of: Void.self)
        let built = try PlatformApplication.build(
            environment: environment, verifier: nil,
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }
        ) { router in
            router.get("/slow") { _, _ -> String in
                slowStartedContinuation.yield()
                try await Task.sleep(for: .milliseconds(1500))
                return "done"
            }
        }
        let group = ServiceMain.makeGroup(app: built.app, readiness: built.readiness, services: [], http: http, signals: [], logger: environment.logger)

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var ports = portStream.makeAsyncIterator()
            let port = try #require(await ports.next())
            let base = "http://127.0.0.1:\(port)"
            #expect(try await status(base + "/health/ready") == 200)

            async let slow = body(base + "/slow")
            // Shut down only once the slow request is inside its handler (a busy machine may take a while to send it).
            var started = slowStarted.makeAsyncIterator()
            _ = await started.next()
            await group.triggerGracefulShutdown()
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await status(base + "/health/ready") == 503, "readiness must fail while draining")
            let (slowStatus, slowBody) = try await slow
            #expect(slowStatus == 200)
            #expect(slowBody == "done")
            try await tasks.next()
        }
    }

    func status(_ url: String) async throws -> Int {
        try await body(url).status
    }

    func body(_ url: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: buffer))
    }
}

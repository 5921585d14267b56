import ArgumentParser
import Foundation
import LocalCluster

/// `mercato bench http` (the default of `mercato bench`): HTTP throughput and latency with wrk, memory and start-up time of every
/// service, each compared in the same run with `/health/live` and a bare Hummingbird server.
struct BenchHTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http", abstract: "Benchmark the services against /health/live and a bare Hummingbird server (needs wrk).")
    /// The product read that bypasses catalog's product cache, so each request is a PostgreSQL round trip.
    static let uncachedByID = "GET /api/v1/products/{id} (Cache-Control: no-cache)"

    @Option(help: "Seconds per wrk run.")
    var seconds = 10

    @Option(help: "Connection counts, comma-separated.")
    var connections = "1,16,64"

    @Option(help: "Data directory of the benchmark's own stack.")
    var dataDir = ".build/bench-stack"

    @Option(help: "First of the ports the benchmark uses (PostgreSQL, identity, catalog, baseline).")
    var basePort = 18080

    func run() async throws {
        let levels = connections.split(separator: ",").compactMap { Int($0) }
        let config = try StackConfig(dataDirectory: dataDir, postgresPort: basePort, identityPort: basePort + 1, catalogPort: basePort + 2)
        let stack = try LocalStack(config: config)
        let progress = ProgressPrinter()
        print("Benchmark stack (binaries from \(LocalStack.executableDirectory))")
        try await stack.start(progress: progress)
        let baselinePort = basePort + 3
        let baseline = try ChildProcess.spawn(
            executable: LocalStack.executableDirectory + "/hello-baseline", arguments: ["--port", String(baselinePort)],
            environment: [:], logFile: config.logsDirectory + "/hello-baseline.log")
        defer { kill(baseline.pid, SIGTERM) }
        do {
            try await measure(stack: stack, config: config, baseline: baseline, baselinePort: baselinePort, levels: levels)
        } catch {
            await stack.stop(progress: progress)
            throw error
        }
        await stack.stop(progress: progress)
    }

    func measure(stack: LocalStack, config: StackConfig, baseline: ChildProcess, baselinePort: Int, levels: [Int]) async throws {
        let baselineURL = "http://127.0.0.1:\(baselinePort)"
        try await waitUntilServing(baselineURL)
        // Idle: every process started and ready, nothing served but readiness probes (and the baseline's one request).
        let pids = try servicePids(stack)
        var idle: [String: Double] = [:]
        for (name, pid) in pids { idle[name] = ResidentMemory.megabytes(pid: pid) ?? 0 }
        let baselineIdle = ResidentMemory.megabytes(pid: baseline.pid) ?? 0

        let admin = try await DemoSeeder.adminToken(config: config)
        let seeder = DemoSeeder(catalog: APIClient(baseURL: config.url(of: "catalog"), bearer: admin))
        _ = try await seeder.seedProducts(categoryIDs: try await seeder.seedCategories())
        let catalog = APIClient(baseURL: config.url(of: "catalog"))
        let list = try await catalog.send(.GET, "/api/v1/products?limit=1")
        guard let productID = (list.object["items"] as? [[String: Any]])?.first?["id"] as? String else {
            throw ValidationError("no product to fetch: \(list.text)")
        }
        let benchUser = "bench-\(UUID().uuidString.prefix(6))@mercato.local"
        let identity = APIClient(baseURL: config.url(of: "identity"))
        _ = try await identity.send(.POST, "/api/v1/auth/register", json: ["email": benchUser, "password": "bench-password-123", "name": "Bench"])

        var seeded: [String: Double] = [:]
        for (name, pid) in pids { seeded[name] = ResidentMemory.megabytes(pid: pid) ?? 0 }

        let targets: [(name: String, run: WrkRun)] = [
            ("GET /health/live (catalog)", WrkRun(url: config.url(of: "catalog") + "/health/live", connections: 1, seconds: seconds)),
            ("GET / (bare Hummingbird)", WrkRun(url: baselineURL + "/", connections: 1, seconds: seconds)),
            ("GET /api/v1/products/{id}", WrkRun(url: config.url(of: "catalog") + "/api/v1/products/\(productID)", connections: 1, seconds: seconds)),
            (Self.uncachedByID, WrkRun(url: config.url(of: "catalog") + "/api/v1/products/\(productID)", connections: 1, seconds: seconds,
                                       headers: ["Cache-Control": "no-cache"])),
            ("GET /api/v1/products?q=wireless", WrkRun(url: config.url(of: "catalog") + "/api/v1/products?q=wireless&limit=20", connections: 1, seconds: seconds)),
            ("POST /api/v1/auth/login", WrkRun(url: config.url(of: "identity") + "/api/v1/auth/login", connections: 1, seconds: seconds,
                                                method: "POST", body: #"{"email":"\#(benchUser)","password":"bench-password-123"}"#,
                                                headers: ["Content-Type": "application/json"])),
        ]
        print("\n| endpoint | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        var throughput: [String: [Int: Double]] = [:]
        for level in levels {
            for target in targets {
                var run = target.run
                run.connections = level
                let result = try run.run()
                throughput[target.name, default: [:]][level] = result.requestsPerSecond
                print("| \(target.name) | \(level) | \(String(format: "%.0f", result.requestsPerSecond)) | \(String(format: "%.2f", result.p50Milliseconds)) | \(String(format: "%.2f", result.p99Milliseconds)) | \(result.non2xx) | \(result.errors) |")
                fflush(nil)
            }
        }
        var loaded: [String: Double] = [:]
        for (name, pid) in pids { loaded[name] = ResidentMemory.megabytes(pid: pid) ?? 0 }
        let baselineLoaded = ResidentMemory.megabytes(pid: baseline.pid) ?? 0

        print("\n| ratio | connections | value | target |")
        print("|---|---:|---:|---|")
        for level in levels {
            let ceiling = throughput["GET /health/live (catalog)"]?[level] ?? 0
            let byID = throughput["GET /api/v1/products/{id}"]?[level] ?? 0
            let uncached = throughput[Self.uncachedByID]?[level] ?? 0
            print("| product-by-id ÷ /health/live | \(level) | \(String(format: "%.0f%%", ceiling > 0 ? 100 * byID / ceiling : 0)) | ≥ 40% |")
            print("| product-by-id from PostgreSQL (no-cache) ÷ /health/live | \(level) | \(String(format: "%.0f%%", ceiling > 0 ? 100 * uncached / ceiling : 0)) | (reported) |")
        }

        print("\n| process | idle RSS MB | RSS after seeding MB | RSS after load MB | idle ÷ bare Hummingbird | start-to-ready (median of 3) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name in LocalStack.services {
            let startup = try await startToReady(stack: stack, service: name)
            let ratio = baselineIdle > 0 ? (idle[name] ?? 0) / baselineIdle : 0
            print("| \(name) | \(String(format: "%.1f", idle[name] ?? 0)) | \(String(format: "%.1f", seeded[name] ?? 0)) | \(String(format: "%.1f", loaded[name] ?? 0)) | \(String(format: "%.2f×", ratio)) | \(String(format: "%.3f s", startup)) |")
        }
        print("| hello-baseline (bare Hummingbird) | \(String(format: "%.1f", baselineIdle)) | — | \(String(format: "%.1f", baselineLoaded)) | 1.00× | — |")
    }

    /// Waits (up to 10 s) until the bare server answers its one route.
    func waitUntilServing(_ url: String) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if let response = try? await APIClient(baseURL: url).send(.GET, "/"), response.status == 200 { return }
            guard ContinuousClock.now < deadline else { throw ValidationError("the bare Hummingbird server at \(url) did not answer") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func servicePids(_ stack: LocalStack) throws -> [String: pid_t] {
        var pids: [String: pid_t] = [:]
        for service in LocalStack.services {
            guard let pid = PidFile.read(stack.pidFile(service)) else { throw ValidationError("\(service) is not running") }
            pids[service] = pid
        }
        return pids
    }

    /// Restarts `service` three times (migrations already applied) and returns the median time from spawn to ready.
    func startToReady(stack: LocalStack, service: String) async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<3 {
            if let pid = PidFile.read(stack.pidFile(service)) { await ChildProcess.stop(pid, timeout: 15) }
            let started = ContinuousClock.now
            try stack.startService(service)
            try await HealthProbe.waitUntilReady(url: stack.config.url(of: service), pidFile: stack.pidFile(service), timeout: .seconds(30))
            let elapsed = ContinuousClock.now - started
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return samples.sorted()[1]
    }
}

import ArgumentParser
import Foundation
import LocalCluster

/// `mercato bench orders`: the order saga under `mercato load` at increasing concurrency on a stack of its own —
/// orders/s reaching CONFIRMED, placement and placement→confirmed latency, CPU per process (who saturates), memory
/// of every service and server at the end, and `mercato check` at every level.
struct BenchOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "Benchmark the order saga with mercato load at increasing concurrency (own stack).")

    @Option(help: "Shopper counts, comma-separated.")
    var levels = "1,4,16,32"

    @Option(help: "Seconds per level.")
    var seconds = 30

    @Option(help: "Outcome weights, as for mercato load.")
    var mix = "good=80,declined=10,oos=10"

    @Option(help: "Data directory of the benchmark's own stack.")
    var dataDir = ".build/bench-orders"

    @Option(help: "First of the ports the benchmark uses (PostgreSQL; services from +1; RabbitMQ from +12).")
    var basePort = 18180

    func run() async throws {
        let counts = levels.split(separator: ",").compactMap { Int($0) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--levels must be positive integers") }
        let config = try StackConfig(dataDirectory: dataDir, postgresPort: basePort, identityPort: basePort + 1, catalogPort: basePort + 2)
        let stack = try LocalStack(config: config)
        let progress = ProgressPrinter()
        print("Benchmark stack (binaries from \(LocalStack.executableDirectory))")
        try await stack.start(progress: progress)
        do {
            try await measure(stack: stack, config: config, levels: counts)
        } catch {
            await stack.stop(progress: progress)
            throw error
        }
        await stack.stop(progress: progress)
    }

    func measure(stack: LocalStack, config: StackConfig, levels: [Int]) async throws {
        let admin = try await DemoSeeder.adminToken(config: config)
        let seeder = DemoSeeder(catalog: APIClient(baseURL: config.url(of: "catalog"), bearer: admin))
        _ = try await seeder.seedProducts(categoryIDs: try await seeder.seedCategories())
        let http = LoadRun.makeHTTPClient(concurrency: levels.max() ?? 1)
        defer { Task { try? await http.shutdown() } }
        let world = try await LoadSetup(config: config, http: http).prepare(customers: levels.max() ?? 1)
        let groups = try processGroups(stack: stack, config: config)

        print("\n| shoppers | orders/s placed | confirmed/s | place p50 ms | place p99 ms | placed→confirmed p50 ms | p99 ms | errors | unintended | check | busiest processes (CPU % of one core) |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        for level in levels {
            let before = groups.mapValues { $0.cpuSeconds() }
            let clock = ContinuousClock()
            let started = clock.now
            let run = LoadRun(config: config, concurrency: level, duration: .seconds(seconds), orderCount: nil,
                              mix: try OrderMix(parsing: mix), settleTimeout: .seconds(60))
            let result = await run.run(world: world, http: http)
            let wall = (clock.now - started).inSeconds
            let cpu = groups.map { name, group in (name, (group.cpuSeconds() - (before[name] ?? 0)) / wall * 100) }.sorted { $0.1 > $1.1 }
            let verdicts = try await CheckCommand.verify(config: config, settle: 30, outboxBound: 30)
            let place = result.steps.first { $0.step == .place }
            let confirm = result.steps.first { $0.step == .toConfirmed }
            let busiest = cpu.prefix(5).map { "\($0.0) \(Int($0.1.rounded()))" }.joined(separator: ", ")
            print(String(format: "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %@ | %@ |", level,
                         Double(result.ordersPlaced) / result.seconds, result.confirmedPerSecond, place?.p50 ?? 0, place?.p99 ?? 0,
                         confirm?.p50 ?? 0, confirm?.p99 ?? 0, result.errors, result.unexpected.count,
                         verdicts.allSatisfy(\.passed) ? "pass" : "FAIL", busiest))
            if !verdicts.allSatisfy(\.passed) { CheckCommand.printReport(verdicts) }
            for sample in result.errorSamples.prefix(5) { print("  error: \(sample)") }
        }
        print("\nMemory at the end (MB; services RSS, servers PSS summed over their processes):")
        for (name, group) in groups.sorted(by: { $0.key < $1.key }) {
            let megabytes = LocalStack.services.contains(name) || name == "mercato load"
                ? (ResidentMemory.megabytes(pid: group.root) ?? 0) : group.proportionalMegabytes()
            print("  " + name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%7.1f", megabytes))
        }
    }

    /// Every service process, PostgreSQL's postmaster and RabbitMQ's node, by name.
    func processGroups(stack: LocalStack, config: StackConfig) throws -> [String: ProcessGroupUsage] {
        var groups: [String: ProcessGroupUsage] = [:]
        for service in LocalStack.services {
            guard let pid = PidFile.read(stack.pidFile(service)) else { throw ValidationError("\(service) has no pid file") }
            groups[service] = ProcessGroupUsage(root: pid)
        }
        if let postmaster = ProcessGroupUsage.pid(inFile: config.postgresDirectory + "/postmaster.pid") {
            groups["postgres"] = ProcessGroupUsage(root: postmaster)
        }
        if let node = ProcessGroupUsage.pid(inFile: config.rabbitMQDirectory + "/rabbitmq.pid") {
            groups["rabbitmq"] = ProcessGroupUsage(root: node)
        }
        // The load generator itself (this process, not its children: they are the stack) competes for the same cores.
        groups["mercato load"] = ProcessGroupUsage(root: getpid(), includesDescendants: false)
        return groups
    }
}

import AsyncHTTPClient
import Foundation
import Invariants
import LocalCluster
import Messaging
import AMQP
import Contracts

/// One chaos scenario on a stack of its own: start it with the supervisor, seed, shop with `shoppers`, inject the
/// fault after a warm-up, heal it, time how long until every service is ready again, let the load finish, run
/// `mercato check`, and decide.
struct ChaosRun: Sendable {
    let scenario: ChaosScenario
    let baseDirectory: String
    let shoppers: Int
    let settle: Duration
    /// PostgreSQL's port; the services listen from `firstServicePort` (identity) on.
    var postgresPort = 25432
    /// identity's port; catalog is the next, orders +3, payments +4, notifications +5, RabbitMQ +11…+15, mail +21.
    var firstServicePort = 9181

    /// What one run saw.
    struct Outcome: Sendable, Codable {
        var scenario: String
        var passed: Bool
        var reasons: [String]
        var recoverySeconds: Double?
        var ordersPlaced: Int
        var confirmed: Int
        var loadErrors: Int
        var unexpectedOutcomes: Int
        var restarts: [String: Int]
        var invariantsHeld: Int
        var invariants: Int
        var dataDirectory: String
    }

    /// The stack's settings: its own directory and ports (by default PostgreSQL 25432, services 9181–9186, RabbitMQ
    /// 9192–9196, mail 9202), so a `mercato up` stack on the default ports is left alone.
    var config: StackConfig {
        get throws {
            try StackConfig(dataDirectory: baseDirectory + "/" + scenario.slug, postgresPort: postgresPort,
                            identityPort: firstServicePort, catalogPort: firstServicePort + 1)
        }
    }

    func run() async throws -> Outcome {
        let config = try self.config
        try? FileManager.default.removeItem(atPath: config.dataDirectory)
        let stack = try LocalStack(config: config)
        let progress = ProgressPrinter()
        do {
            try await stack.startInfrastructure(progress: progress)
            try await stack.startServices(progress: progress)
        } catch {
            await stack.stop(progress: progress)
            throw error
        }
        guard let claim = try SupervisorClaim.take(for: stack) else { throw StackError("another supervisor holds \(config.runDirectory)") }
        let supervisor = Task {
            await ServiceSupervisor(stack: stack) { line in print("    \(line)") }.run()
        }
        defer { claim.release() }
        let outcome: Outcome
        do {
            outcome = try await shopThroughTheFault(stack: stack, config: config)
        } catch {
            supervisor.cancel()
            _ = await supervisor.value
            await stack.stop(progress: progress)
            throw error
        }
        supervisor.cancel()
        _ = await supervisor.value
        await stack.stop(progress: progress)
        if outcome.passed { try? FileManager.default.removeItem(atPath: config.dataDirectory) }
        return outcome
    }

    private func shopThroughTheFault(stack: LocalStack, config: StackConfig) async throws -> Outcome {
        let token = try await DemoSeeder.adminToken(config: config)
        let seeder = DemoSeeder(catalog: APIClient(baseURL: config.url(of: "catalog"), bearer: token))
        _ = try await seeder.seedProducts(categoryIDs: try await seeder.seedCategories())
        let http = LoadRun.makeHTTPClient(concurrency: shoppers)
        do {
            let outcome = try await shop(config: config, stack: stack, http: http)
            try? await http.shutdown()
            return outcome
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private func shop(config: StackConfig, stack: LocalStack, http: HTTPClient) async throws -> Outcome {
        let world = try await LoadSetup(config: config, http: http).prepare(customers: shoppers)
        let fault = ChaosFault(stack: stack, scenario: scenario)
        let warmUp = Duration.seconds(5)
        let shopping = LoadRun(config: config, concurrency: shoppers, duration: warmUp + fault.duration + settle, orderCount: nil,
                           mix: try OrderMix(parsing: "good=80,declined=10,oos=10"), settleTimeout: .seconds(60))
        print("  ▸ \(scenario): load of \(shoppers) shoppers, fault after \(Int(warmUp.inSeconds)) s")
        fflush(nil)
        async let result = shopping.run(world: world, http: http)
        try await Task.sleep(for: warmUp)
        try await fault.inject()
        try await Task.sleep(for: fault.duration)
        try await fault.heal()
        let recovery = await Self.secondsUntilReady(config: config, bound: .seconds(180))
        print(String(format: "  ▸ %@: healed; every service ready %@", scenario.description,
                     recovery.map { String(format: "after %.1f s", $0) } ?? "— never"))
        fflush(nil)
        let load = await result
        if scenario == .poison { try await Self.checkAndDiscardPoison(config: config) }
        let verdicts = try await CheckCommand.verify(config: config, settle: 90, outboxBound: 30)
        CheckCommand.printReport(verdicts)
        let restarts = Dictionary(uniqueKeysWithValues: LocalStack.services.map { ($0, stack.restartRecord(of: $0).restarts) })
            .filter { $0.value > 0 }
        let verdict = ChaosVerdict.decide(scenario: scenario, recoverySeconds: recovery, recoveryBound: 60, restarts: restarts,
                                          failedInvariants: verdicts.filter { !$0.passed }.map(\.name))
        return Outcome(scenario: scenario.description, passed: verdict.passed, reasons: verdict.reasons, recoverySeconds: recovery,
                       ordersPlaced: load.ordersPlaced, confirmed: load.confirmed, loadErrors: load.errors,
                       unexpectedOutcomes: load.unexpected.count, restarts: restarts,
                       invariantsHeld: verdicts.filter(\.passed).count, invariants: verdicts.count, dataDirectory: config.dataDirectory)
    }

    /// Seconds until every service's readiness answers `up`, or nil past `bound`.
    static func secondsUntilReady(config: StackConfig, bound: Duration) async -> Double? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < bound {
            var ready = true
            for service in LocalStack.services where await HealthProbe.readiness(url: config.url(of: service)) != "up" {
                ready = false
                break
            }
            if ready { return (ContinuousClock.now - started).inSeconds }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }

    /// The poison scenario's dead letters must be exactly the poison messages (three per consumer, found within a
    /// minute); they are then purged, so `mercato check` judges what the fault did to everything else.
    static func checkAndDiscardPoison(config: StackConfig) async throws {
        let stack = try LocalStack(config: config)
        var amqp = try AMQPConfiguration(url: try stack.rabbitMQ().amqpURL)
        amqp.recovery = nil
        let connection = try await AMQPConnection.connect(configuration: amqp)
        defer { Task { try? await connection.close() } }
        for service in EventBindings.byService.keys.sorted() {
            let queue = DeadLetterQueue(service: service, connection: connection)
            let deadline = ContinuousClock.now + .seconds(60)
            while try await queue.count() < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(250)) }
            let letters = try await queue.peek(limit: 50)
            let strangers = letters.filter { !($0.eventID ?? "").hasPrefix(ChaosFault.poisonPrefix) }
            guard letters.count == 3, strangers.isEmpty else {
                throw StackError("\(service).dlq holds \(letters.count) messages, \(strangers.count) not poison: "
                                 + strangers.map { "\($0.eventType ?? "?") \($0.reason ?? "")" }.joined(separator: "; "))
            }
            _ = try await connection.openChannel().queuePurge(EventTopology(service: service, retryDelays: []).deadLetterQueue)
        }
    }
}

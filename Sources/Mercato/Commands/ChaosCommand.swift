import ArgumentParser
import Foundation
import LocalCluster

/// `mercato chaos`: breaks a stack of its own under load in named ways and proves it recovers.
struct ChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Run fault scenarios, each on a fresh stack under load: inject, heal, time the recovery, run mercato check.",
        discussion: """
            Scenarios: pg-restart, pg-kill, pg-down [30s], pg-max-connections, broker-restart, broker-kill,
            kill <identity|catalog|payments|orders|notifications>, psp-latency, psp-failures, poison; or all.
            Each scenario starts its own stack (PostgreSQL 25432, services 9181–9186, RabbitMQ 9192–9196, mail 9202) in
            <data-dir>/chaos/<scenario>, kept when the scenario fails. PASS needs every service ready within 60 s of
            healing, no restart but the scenario's own (a restart is a crash) and every mercato check invariant holding.
            Exit status 1 when any scenario failed.
            """)

    @Argument(help: "Scenarios to run, in order (e.g. pg-restart, pg-down 30s, kill orders, all).")
    var scenarios: [String]

    @Option(help: "Shoppers running at once during each scenario.")
    var shoppers = 4

    @Option(help: "Seconds the load goes on after the fault is healed.")
    var settle = 25

    @Option(help: "Base directory (default .mercato/chaos).")
    var dataDir = ".mercato/chaos"

    @Option(help: "PostgreSQL port of the scenarios' stacks.")
    var postgresPort = 25432

    @Option(help: "identity's port; the other services, RabbitMQ (+11…+15) and the mail sink (+21) follow it.")
    var firstServicePort = 9181

    @Flag(help: "Print the outcomes as JSON at the end.")
    var json = false

    func validate() throws {
        do { _ = try ChaosScenario.parse(scenarios) } catch { throw ValidationError("\(error)") }
        guard shoppers >= 1, shoppers <= 64 else { throw ValidationError("--shoppers must be 1…64") }
    }

    func run() async throws {
        let base = URL(fileURLWithPath: dataDir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        var outcomes: [ChaosRun.Outcome] = []
        for scenario in try ChaosScenario.parse(scenarios) {
            print("chaos: \(scenario)")
            fflush(nil)
            let started = ContinuousClock.now
            do {
                let outcome = try await ChaosRun(scenario: scenario, baseDirectory: base, shoppers: shoppers, settle: .seconds(settle),
                                                 postgresPort: postgresPort, firstServicePort: firstServicePort).run()
                outcomes.append(outcome)
                print(Self.line(outcome) + String(format: "  (%.0f s)", (ContinuousClock.now - started).inSeconds))
            } catch {
                print("FAIL  \(scenario)  could not run: \(error)")
                outcomes.append(ChaosRun.Outcome(scenario: scenario.description, passed: false, reasons: ["could not run: \(error)"],
                                                 recoverySeconds: nil, ordersPlaced: 0, confirmed: 0, loadErrors: 0, unexpectedOutcomes: 0,
                                                 restarts: [:], invariantsHeld: 0, invariants: 0, dataDirectory: ""))
            }
            fflush(nil)
        }
        print("")
        for outcome in outcomes { print(Self.line(outcome)) }
        let failed = outcomes.filter { !$0.passed }.count
        print("\(outcomes.count - failed) passed, \(failed) failed")
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(outcomes), as: UTF8.self))
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// One outcome as a line: verdict, scenario, the load's numbers, recovery, check, reasons.
    static func line(_ outcome: ChaosRun.Outcome) -> String {
        let recovery = outcome.recoverySeconds.map { String(format: "recovered in %.1f s", $0) } ?? "not recovered"
        let restarts = outcome.restarts.isEmpty ? "" : "  restarts " + outcome.restarts.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        var text = "\(outcome.passed ? "PASS" : "FAIL")  \(outcome.scenario.padding(toLength: 20, withPad: " ", startingAt: 0))"
            + "  orders \(outcome.ordersPlaced) (\(outcome.confirmed) confirmed), load errors \(outcome.loadErrors), "
            + "unexpected \(outcome.unexpectedOutcomes)  \(recovery)  check \(outcome.invariantsHeld)/\(outcome.invariants)\(restarts)"
        if !outcome.reasons.isEmpty { text += "\n        " + outcome.reasons.joined(separator: "\n        ") }
        return text
    }
}

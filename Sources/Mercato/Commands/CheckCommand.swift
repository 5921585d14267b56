import ArgumentParser
import Foundation
import Invariants
import LocalCluster

/// `mercato check`: verifies the cross-service invariants of the order saga on the running stack.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify cross-service invariants (stock, payments, sagas, outboxes, dead letters); exit 1 when any fails.")

    @OptionGroup var options: StackOptions

    @Option(help: "Keep re-reading for up to this many seconds while an invariant fails (events still in flight settle).")
    var settle: Double = 30

    @Option(help: "How old an unsent outbox row may be, in seconds.")
    var outboxBound: Double = 30

    @Flag(help: "Print the verdicts as JSON.")
    var json = false

    func run() async throws {
        let results = try await Self.verify(config: try await options.stackConfig(), settle: settle, outboxBound: outboxBound)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            Self.printReport(results)
        }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    /// Reads and evaluates until everything passes or `settle` seconds have gone by; the last verdicts.
    static func verify(config: StackConfig, settle: Double, outboxBound: Double) async throws -> [InvariantResult] {
        let stack = try LocalStack(config: config)
        let reader = AuditReader(config: config, secret: try stack.secrets.secret(CLIClient.secretName),
                                 amqpURL: try stack.rabbitMQ().amqpURL)
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int64(settle * 1000))
        while true {
            let results = InvariantChecker.evaluate(try await reader.snapshot(), outboxBound: outboxBound)
            if results.allSatisfy(\.passed) || clock.now >= end { return results }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// One line per invariant, offenders indented under a failing one (at most 20 each).
    static func printReport(_ results: [InvariantResult]) {
        for result in results {
            print("\(result.passed ? "PASS" : "FAIL")  \(result.name)  (\(result.examined) examined)  \(result.claim)")
            for offender in result.offenders.prefix(20) { print("        \(offender)") }
            if result.offenders.count > 20 { print("        … and \(result.offenders.count - 20) more") }
        }
        let failed = results.filter { !$0.passed }.count
        print(failed == 0 ? "all \(results.count) invariants hold" : "\(failed) of \(results.count) invariants FAILED")
    }
}

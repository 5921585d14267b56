import ArgumentParser
import Foundation
import Invariants
import LocalCluster

/// `mercato check`: verifies the cross-service invariants of the order saga on the running stack.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify cross-service invariants (stock, payments, sagas, outboxes, event delivery, consumers, dead letters).",
        discussion: """
            Prints PASS, FAIL or UNKN per invariant. UNKN (unknown) means an input could not be read within \
            --read-timeout (a service, its database or the broker is away); the missing input is named under it. \
            Exit status: 0 when every invariant holds, 1 when any fails, 2 when none fails but some are unknown.
            """)

    @OptionGroup var options: StackOptions

    @Option(help: "Keep re-reading for up to this many seconds while an invariant fails or is unknown (events still in flight settle).")
    var settle: Double = 30

    @Option(help: "How old an unsent outbox row may be, in seconds.")
    var outboxBound: Double = 30

    @Option(help: "How long one read of a service or the broker may take, in seconds, before its input counts as unknown.")
    var readTimeout: Double = 5

    @Option(help: "Events sent less than this many seconds before a reading may still be on their way to a consumer's inbox.")
    var inFlight: Double = 5

    @Flag(help: "Print the verdicts as JSON (each with status pass, fail or unknown, passed, offenders and missing inputs).")
    var json = false

    func run() async throws {
        let results = try await Self.verify(config: try await options.stackConfig(), settle: settle, outboxBound: outboxBound,
                                            readTimeout: readTimeout, inFlight: inFlight)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            Self.printReport(results)
        }
        let status = InvariantReport.exitStatus(results)
        if status != InvariantReport.allHold { throw ExitCode(status) }
    }

    /// Reads and evaluates until everything passes or `settle` seconds have gone by; the last verdicts. An unknown
    /// verdict is retried too: a service that is restarting may answer on the next round.
    static func verify(config: StackConfig, settle: Double, outboxBound: Double, readTimeout: Double = 5,
                       inFlight: Double = 5) async throws -> [InvariantResult] {
        let stack = try LocalStack(config: config)
        let reader = AuditReader(config: config, secret: try stack.secrets.secret(CLIClient.secretName), rabbitMQ: try stack.rabbitMQ(),
                                 deadline: .milliseconds(Int64(readTimeout * 1000)))
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int64(settle * 1000))
        while true {
            let results = InvariantChecker.evaluate(await reader.snapshot(), outboxBound: outboxBound, inFlight: inFlight)
            if results.allSatisfy(\.passed) || clock.now >= end { return results }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// One line per invariant, offenders (at most 20 each) and missing inputs indented under it, then a summary.
    static func printReport(_ results: [InvariantResult]) {
        for line in InvariantReport.lines(results) { print(line) }
    }
}

import Foundation
import Invariants

/// Prints a load run's result.
enum LoadReport {
    /// A human-readable table.
    static func print(_ result: LoadRun.Result) {
        let line = { (text: String) in Swift.print(text) }
        line(String(format: "ran %.1f s: %d orders placed, %d confirmed (%.1f/s), %d cancelled as intended, %d ended otherwise, %d errors",
                    result.seconds, result.ordersPlaced, result.confirmed, result.confirmedPerSecond, result.cancelledAsExpected,
                    result.unexpected.count, result.errors))
        line("step                 count  errors     p50 ms     p95 ms     p99 ms     max ms")
        for step in result.steps {
            line(step.step.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                 + String(format: "%8d %7d %10.2f %10.2f %10.2f %10.2f", step.count, step.errors, step.p50, step.p95, step.p99, step.max))
        }
        for sample in result.errorSamples { line("  error: \(sample)") }
        for item in result.unexpected.prefix(20) { line("  unexpected: \(item)") }
    }

    /// The result and the check's verdicts as one JSON object.
    static func printJSON(_ result: LoadRun.Result, verdicts: [InvariantResult]) throws {
        struct Document: Encodable {
            var result: LoadRun.Result
            var confirmedPerSecond: Double
            var check: [InvariantResult]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(Document(result: result, confirmedPerSecond: result.confirmedPerSecond, check: verdicts)),
                           as: UTF8.self))
    }
}

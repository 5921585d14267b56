import Foundation

/// Prints one line per stack step with its outcome and duration.
struct ProgressPrinter: Sendable {
    /// Runs `work` for `component`, printing `… starting` then `✓ ready in N s` or `✗` with the error.
    func step(_ component: String, detail: String, _ work: () async throws -> Void) async throws {
        let started = ContinuousClock.now
        print("  ▸ \(component.padding(toLength: 13, withPad: " ", startingAt: 0)) starting…")
        fflush(nil)
        do {
            try await work()
        } catch {
            print("  ✗ \(component.padding(toLength: 13, withPad: " ", startingAt: 0)) failed: \(error)")
            fflush(nil)
            throw error
        }
        let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18 + Double((ContinuousClock.now - started).components.seconds)
        print("  ✓ \(component.padding(toLength: 13, withPad: " ", startingAt: 0)) ready in \(String(format: "%.2f", seconds)) s  \(detail)")
        fflush(nil)
    }

    /// Runs a stop action for `component` and prints how it went.
    func stopping(_ component: String, _ work: () async -> Bool) async {
        let clean = await work()
        print("  ■ \(component.padding(toLength: 13, withPad: " ", startingAt: 0)) \(clean ? "stopped" : "killed after timeout")")
        fflush(nil)
    }
}

/// The outcomes of the last `capacity` calls (a count-based sliding window) and how many failed.
struct OutcomeWindow: Sendable, Equatable {
    private var outcomes: [Bool]
    private var next = 0
    /// Calls in the window (at most `capacity`).
    private(set) var count = 0
    /// Failed calls in the window.
    private(set) var failures = 0

    /// An empty window of `capacity` calls.
    init(capacity: Int) {
        outcomes = Array(repeating: false, count: max(1, capacity))
    }

    /// Failures divided by calls; 0 when empty.
    var failureRate: Double { count == 0 ? 0 : Double(failures) / Double(count) }

    /// Adds one outcome, pushing out the oldest when full.
    mutating func record(failed: Bool) {
        if count == outcomes.count {
            if outcomes[next] { failures -= 1 }
        } else {
            count += 1
        }
        outcomes[next] = failed
        if failed { failures += 1 }
        next = (next + 1) % outcomes.count
    }

    /// Forgets every outcome.
    mutating func reset() {
        self = OutcomeWindow(capacity: outcomes.count)
    }
}

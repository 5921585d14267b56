/// Whether a chaos scenario passed — decided without I/O from what the run observed.
public struct ChaosVerdict: Sendable, Equatable {
    /// PASS or FAIL.
    public var passed: Bool
    /// Why it failed (empty when it passed).
    public var reasons: [String]

    /// The verdict for `scenario`: every service ready again within `recoveryBound` seconds of healing, no restart but
    /// the expected ones (a restart is a crash), and every invariant of `mercato check` holding (`failedInvariants`
    /// names those that did not, or could not be read).
    public static func decide(scenario: ChaosScenario, recoverySeconds: Double?, recoveryBound: Double, restarts: [String: Int],
                              failedInvariants: [String]) -> ChaosVerdict {
        var reasons: [String] = []
        if let recoverySeconds {
            if recoverySeconds > recoveryBound {
                reasons.append(String(format: "recovered after %.1f s, more than %.0f s", recoverySeconds, recoveryBound))
            }
        } else {
            reasons.append("not every service was ready again")
        }
        let expected = scenario.expectedRestarts
        for service in Set(restarts.keys).union(expected.keys).sorted() {
            let seen = restarts[service] ?? 0
            let wanted = expected[service] ?? 0
            if seen != wanted { reasons.append("\(service) restarted \(seen) times, expected \(wanted)") }
        }
        reasons += failedInvariants.map { "invariant \($0) failed" }
        return ChaosVerdict(passed: reasons.isEmpty, reasons: reasons)
    }
}

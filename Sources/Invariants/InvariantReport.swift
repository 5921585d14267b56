/// What `mercato check` prints for its verdicts and the status it exits with (pure, so both are tested).
public enum InvariantReport {
    /// Exit status when every invariant holds.
    public static let allHold: Int32 = 0
    /// Exit status when at least one invariant fails.
    public static let failed: Int32 = 1
    /// Exit status when none fails but at least one is UNKNOWN (an input could not be read).
    public static let unknown: Int32 = 2

    /// `failed` when any verdict is FAIL, else `unknown` when any is UNKNOWN, else `allHold`.
    public static func exitStatus(_ results: [InvariantResult]) -> Int32 {
        if results.contains(where: { $0.status == .fail }) { return failed }
        return results.contains(where: { $0.status == .unknown }) ? unknown : allHold
    }

    /// One line per invariant (`PASS`, `FAIL` or `UNKN`, its name, how many records it examined, its claim); under it
    /// at most `limit` offenders and every missing input, indented; then a summary line (`all N invariants hold`, or
    /// how many FAILED and how many are UNKNOWN).
    public static func lines(_ results: [InvariantResult], limit: Int = 20) -> [String] {
        var lines: [String] = []
        for result in results {
            let label = switch result.status {
            case .pass: "PASS"
            case .fail: "FAIL"
            case .unknown: "UNKN"
            }
            lines.append("\(label)  \(result.name)  (\(result.examined) examined)  \(result.claim)")
            lines += result.offenders.prefix(limit).map { "        \($0)" }
            if result.offenders.count > limit { lines.append("        … and \(result.offenders.count - limit) more") }
            lines += result.missing.map { "        unknown input: \($0)" }
        }
        let failed = results.filter { $0.status == .fail }.count
        let unknown = results.filter { $0.status == .unknown }.count
        switch (failed, unknown) {
        case (0, 0): lines.append("all \(results.count) invariants hold")
        case (_, 0): lines.append("\(failed) of \(results.count) invariants FAILED")
        case (0, _): lines.append("\(unknown) of \(results.count) invariants UNKNOWN (inputs missing); the other \(results.count - unknown) hold")
        default: lines.append("\(failed) of \(results.count) invariants FAILED, \(unknown) UNKNOWN (inputs missing)")
        }
        return lines
    }
}

import Foundation

/// A process and all its descendants (PostgreSQL's backends, RabbitMQ's helpers), measured together; Linux only.
struct ProcessGroupUsage: Sendable {
    /// The root process.
    let root: pid_t
    /// Whether the root's descendants count too (not for the benchmark itself, whose children are the stack).
    var includesDescendants = true

    /// The root and, when `includesDescendants`, every descendant alive now.
    func members() -> [pid_t] {
        guard includesDescendants else { return [root] }
        var parents: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let end = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[parent, default: []].append(pid) }
        }
        var result: [pid_t] = []
        var queue = [root]
        while let next = queue.popLast() {
            result.append(next)
            queue += parents[next] ?? []
        }
        return result
    }

    /// CPU seconds used by the group's current members.
    func cpuSeconds() -> Double { members().compactMap { ProcessCPU.seconds(pid: $0) }.reduce(0, +) }

    /// Proportional set size of the group in megabytes (shared pages split between sharers, so a multi-process
    /// server is not counted once per process).
    func proportionalMegabytes() -> Double {
        members().compactMap { pid -> Double? in
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }),
                  let kilobytes = Double(line.split(whereSeparator: \.isWhitespace)[1]) else { return nil }
            return kilobytes / 1024
        }.reduce(0, +)
    }

    /// The pid written in `path` (first line), if any.
    static func pid(inFile path: String) -> pid_t? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
    }
}

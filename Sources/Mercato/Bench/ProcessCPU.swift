import Foundation

/// CPU time a process has used (user + system), from `/proc/<pid>/stat`; Linux only.
enum ProcessCPU {
    /// Seconds of CPU, or nil when the process or `/proc` is not there.
    static func seconds(pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (in clock ticks).
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

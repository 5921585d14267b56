import Foundation
import LocalCluster

/// One wrk measurement: requests per second and latency percentiles.
struct WrkResult: Sendable {
    var requestsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var non2xx: Int
    var errors: Int
}

/// Drives wrk (Debian package `wrk`) against one URL.
struct WrkRun: Sendable {
    var url: String
    var connections: Int
    var seconds: Int
    var method = "GET"
    var body: String?
    var headers: [String: String] = [:]

    func run() throws -> WrkResult {
        let script = NSTemporaryDirectory() + "mercato-wrk-\(UUID().uuidString).lua"
        var lua = "wrk.method = \"\(method)\"\n"
        if let body { lua += "wrk.body = [[\(body)]]\n" }
        for (name, value) in headers { lua += "wrk.headers[\"\(name)\"] = \"\(value)\"\n" }
        try lua.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let threads = max(1, min(connections, 2))
        let output = try CommandRunner().run("/usr/bin/env", [
            "wrk", "-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "--latency", "-s", script, url,
        ]).text
        return WrkResult(
            requestsPerSecond: Self.number(after: "Requests/sec:", in: output) ?? 0,
            p50Milliseconds: Self.latency(percentile: "50%", in: output) ?? 0,
            p99Milliseconds: Self.latency(percentile: "99%", in: output) ?? 0,
            non2xx: Int(Self.number(after: "Non-2xx or 3xx responses:", in: output) ?? 0),
            errors: Self.socketErrors(in: output))
    }

    static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        return Double(text[range.upperBound...].split(whereSeparator: \.isWhitespace).first ?? "")
    }

    static func latency(percentile: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: \.isWhitespace)
            if parts.count == 2, parts[0] == percentile { return milliseconds(String(parts[1])) }
        }
        return nil
    }

    static func milliseconds(_ value: String) -> Double? {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where value.hasSuffix(suffix) {
            return Double(value.dropLast(suffix.count)).map { $0 * factor }
        }
        return nil
    }

    static func socketErrors(in text: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Socket errors:") }) else { return 0 }
        return line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
    }
}

/// Resident memory of a process, from `/proc/<pid>/status` (VmRSS).
enum ResidentMemory {
    static func megabytes(pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(whereSeparator: \.isWhitespace)[1]) else { return nil }
        return kilobytes / 1024
    }
}

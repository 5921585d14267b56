import Foundation
import Prometheus

/// Process-level gauges (`process_resident_memory_bytes`, `process_cpu_seconds_total`,
/// `process_open_fds`, `process_start_time_seconds`), refreshed from `/proc` before each scrape.
public struct ProcessMetrics: Sendable {
    private let residentMemory: Gauge
    private let cpuSeconds: Gauge
    private let openFDs: Gauge
    private let startTime: Gauge

    /// Registers the gauges in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        residentMemory = registry.makeGauge(descriptor: .init(namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident set size in bytes."))
        cpuSeconds = registry.makeGauge(descriptor: .init(namespace: "process", metricName: "cpu_seconds", unitName: "total", helpText: "User and system CPU time in seconds."))
        openFDs = registry.makeGauge(descriptor: .init(namespace: "process", metricName: "open", unitName: "fds", helpText: "Open file descriptors."))
        startTime = registry.makeGauge(descriptor: .init(namespace: "process", metricName: "start_time", unitName: "seconds", helpText: "Start time since the Unix epoch in seconds."))
        startTime.set(ProcessSample.startTime.timeIntervalSince1970)
    }

    /// Reads the current values; call right before rendering `/metrics`.
    public func refresh() {
        let sample = ProcessSample.current()
        residentMemory.set(Double(sample.residentBytes))
        cpuSeconds.set(sample.cpuSeconds)
        openFDs.set(Double(sample.openFileDescriptors))
    }
}

/// One reading of this process's resource use.
public struct ProcessSample: Sendable {
    /// Resident set size in bytes.
    public var residentBytes: Int
    /// CPU time (user + system) in seconds.
    public var cpuSeconds: Double
    /// Open file descriptors.
    public var openFileDescriptors: Int

    /// When this process started (taken the first time it is asked).
    public static let startTime = Date()

    /// Reads `/proc/self` (Linux); on other systems uses `getrusage`.
    public static func current() -> ProcessSample {
        var usage = rusage()
        getrusage(0, &usage)  // 0 is RUSAGE_SELF; Glibc imports the constant with a mismatched type
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        #if os(Linux)
        var rss = 0
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { rss = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        return ProcessSample(residentBytes: rss, cpuSeconds: cpu, openFileDescriptors: fds)
        #else
        return ProcessSample(residentBytes: Int(usage.ru_maxrss), cpuSeconds: cpu, openFileDescriptors: 0)
        #endif
    }
}

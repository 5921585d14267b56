import Foundation
import LocalCluster
import Testing

/// Tier: processes. What a supervisor learns about a real child: still running, or how it ended.
@Suite struct ChildProcessLivenessTests {
    private let log = NSTemporaryDirectory() + "mercato-liveness-\(UUID().uuidString).log"

    /// Polls until the child has ended (a few seconds at most).
    private func waitForExit(_ pid: pid_t) async throws -> ChildProcess.Liveness {
        for _ in 0..<200 {
            let liveness = ChildProcess.liveness(of: pid)
            if liveness != .running { return liveness }
            try await Task.sleep(for: .milliseconds(25))
        }
        return .running
    }

    @Test func anExitCodeIsReported() async throws {
        defer { try? FileManager.default.removeItem(atPath: log) }
        let child = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "exit 3"], environment: [:], logFile: log)
        #expect(try await waitForExit(child.pid) == .exited(.exited(code: 3)))
    }

    @Test func aKilledChildReportsTheSignal() async throws {
        defer { try? FileManager.default.removeItem(atPath: log) }
        let child = try ChildProcess.spawn(executable: "/bin/sleep", arguments: ["30"], environment: [:], logFile: log)
        #expect(ChildProcess.liveness(of: child.pid) == .running)
        kill(child.pid, SIGKILL)
        #expect(try await waitForExit(child.pid) == .exited(.signaled(SIGKILL)))
        #expect(ChildProcess.liveness(of: child.pid) == .exited(nil), "once reaped, its status is gone")
    }
}

import AsyncHTTPClient
import Foundation
import LocalCluster
import NIOCore

/// Asks a service's `/health/ready`.
enum HealthProbe {
    /// `up`, `down` (answers but not ready) or `unreachable`.
    static func readiness(url: String) async -> String {
        var request = HTTPClientRequest(url: url + "/health/ready")
        request.method = .GET
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)) else { return "unreachable" }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return response.status == .ok ? "up" : "down"
    }

    /// Polls until ready; fails early when the process behind `pidFile` dies.
    static func waitUntilReady(url: String, pidFile: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await readiness(url: url) == "up" { return }
            if let pid = PidFile.read(pidFile) {
                ChildProcess.reap(pid)
                if !ChildProcess.isAlive(pid) { throw StackError("the process exited during start-up; see its log") }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StackError("not ready after \(timeout)")
    }
}

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
        try await waitUntilReady(url: url, timeout: timeout, failure: "the process exited during start-up; see its log") {
            guard let pid = PidFile.read(pidFile) else { return false }
            ChildProcess.reap(pid)
            return !ChildProcess.isAlive(pid)
        }
    }

    /// Polls until ready; fails with `failure` as soon as `hasFailed` says the wait is hopeless.
    static func waitUntilReady(url: String, timeout: Duration, failure: String, hasFailed: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await readiness(url: url) == "up" { return }
            if hasFailed() { throw StackError(failure) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StackError("not ready after \(timeout)")
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PostgresServer {
    /// SIGKILL to the postmaster, as a crash would; returns once its port refuses and its pid file is gone (a dead
    /// postmaster can linger as a zombie, and `pg_ctl status` would take the stale pid file for a running server).
    /// Throws when no postmaster runs.
    public func killPostmaster() throws {
        let pidFile = dataDirectory + "/postmaster.pid"
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let line = text.split(separator: "\n").first,
              let pid = pid_t(line) else { throw PostmasterNotRunning() }
        kill(pid, SIGKILL)
        for _ in 0..<100 where LoopbackPort.acceptsConnections(port) || ChildProcess.isAlive(pid) { usleep(50_000) }
        try? FileManager.default.removeItem(atPath: pidFile)
    }
}

/// `killPostmaster` found no running postmaster.
public struct PostmasterNotRunning: Error, CustomStringConvertible {
    /// For logs.
    public var description: String { "PostgreSQL is not running" }
}

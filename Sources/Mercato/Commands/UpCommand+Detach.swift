import Foundation
import LocalCluster

/// How `mercato up --detach` hands the services to a background supervisor: the supervisor starts them (so that it is
/// their parent and learns how each one exits) while `up` reports each one ready, as it does in the foreground.
extension UpCommand {
    /// Starts `mercato supervise` unless a supervisor already runs, then waits until every service is ready.
    func startServicesUnderSupervisor(_ stack: LocalStack, progress: ProgressPrinter) async throws {
        let isSupervised = try startSupervisor(stack)
        let failure = "the supervisor exited during start-up; see \(stack.config.logPath(of: "supervisor"))"
        for service in LocalStack.services {
            let url = stack.config.url(of: service)
            try await progress.step(service, detail: url) {
                // Longer than the supervisor's own 60 s per service: it decides, and says why in its log.
                try await HealthProbe.waitUntilReady(url: url, timeout: .seconds(90), failure: failure) { !isSupervised() }
            }
        }
    }

    /// Spawns the supervisor in a session of its own unless one runs; returns whether a supervisor is still alive.
    private func startSupervisor(_ stack: LocalStack) throws -> () -> Bool {
        if stack.supervisorPID != nil { return { stack.supervisorPID != nil } }
        let child = try ChildProcess.spawn(
            executable: LocalStack.executableDirectory + "/mercato", arguments: ["supervise"] + options.arguments,
            environment: [:], logFile: stack.config.logPath(of: "supervisor"))
        return {
            // Before it has written its pid file, and should it find another supervisor holding the claim, the one we
            // spawned may not be the one in the pid file.
            ChildProcess.reap(child.pid)
            return stack.supervisorPID != nil || ChildProcess.isAlive(child.pid)
        }
    }
}

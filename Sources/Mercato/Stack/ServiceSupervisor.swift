import Foundation
import LocalCluster

/// Starts again the stack's services that exit without being asked to (a crash, a trap, `kill -9`), waiting
/// `RestartBackoff` between attempts, and keeps each service's `RestartRecord` in the run directory. It runs until its
/// task is cancelled: cancel it before stopping services, or it starts them again.
struct ServiceSupervisor: Sendable {
    /// The stack whose services it watches.
    let stack: LocalStack
    /// Where its lines go: the terminal of `mercato up`, or the supervisor's log.
    let report: @Sendable (String) -> Void
    /// The waits between restarts.
    var backoff = RestartBackoff.Configuration()
    /// How often it looks at the processes (the restart delays are whole seconds).
    var pollInterval: Duration = .milliseconds(250)

    /// One watched service: the process it last knew, and its restart state.
    private struct Watched {
        var pid: pid_t?
        var machine: RestartStateMachine
    }

    /// Watches every service, as its pid file names it now, until cancelled.
    func run() async {
        let origin = ContinuousClock.now
        var watched = LocalStack.services.map { service in
            Watched(pid: PidFile.read(stack.pidFile(service)),
                    machine: RestartStateMachine(runningSince: .zero, backoff: RestartBackoff(configuration: backoff)))
        }
        while !Task.isCancelled {
            for index in watched.indices where !Task.isCancelled {
                look(at: LocalStack.services[index], &watched[index], now: origin.duration(to: .now))
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Notices an exit, or carries out a restart that has come due.
    private func look(at service: String, _ entry: inout Watched, now: Duration) {
        switch entry.machine.state {
        case .running:
            guard case .exited(let status) = entry.pid.map(ChildProcess.liveness(of:)) ?? .exited(nil) else { return }
            let delay = entry.machine.exited(at: now)
            update(service) { $0.noteExit(status, at: Date()) }
            let how = status.map { "\($0)" } ?? "status unknown: not started by this supervisor"
            report("! \(service) exited (\(how)); restarting in \(Self.text(delay))")
        case .waiting:
            guard entry.machine.isRestartDue(at: now) else { return }
            do {
                entry.pid = try stack.startService(service)
                entry.machine.started(at: now)
                let restarts = update(service) { $0.noteRestart(at: Date()) }
                report("↻ \(service) restarted (restart #\(restarts))")
            } catch {
                let delay = entry.machine.startFailed(at: now)
                report("! \(service) could not be restarted: \(error); trying again in \(Self.text(delay))")
            }
        }
    }

    /// Changes a service's restart record on disk; returns its restart count.
    @discardableResult
    private func update(_ service: String, _ change: (inout RestartRecord) -> Void) -> Int {
        var record = stack.restartRecord(of: service)
        change(&record)
        do {
            try stack.writeRestartRecord(record, of: service)
        } catch {
            report("! could not write \(stack.restartRecordFile(service)): \(error)")
        }
        return record.restarts
    }

    /// `1 s`, `30 s`, `0.5 s`.
    private static func text(_ delay: Duration) -> String { String(format: "%g s", delay.inSeconds) }
}

import Foundation
import LocalCluster

/// Where a stack keeps its supervisor's pid and each service's restart record, and how it ends the supervisor.
extension LocalStack {
    /// The pid file of the process that restarts crashed services (`mercato supervise`, or a foreground `mercato up`).
    var supervisorPidFile: String { config.runDirectory + "/supervisor.pid" }

    /// The pid of the supervisor, when one runs.
    var supervisorPID: pid_t? { PidFile.read(supervisorPidFile).flatMap { ChildProcess.isAlive($0) ? $0 : nil } }

    /// The file holding a service's restart record.
    func restartRecordFile(_ service: String) -> String { config.runDirectory + "/\(service).restarts.json" }

    /// A service's restart record; no restarts when there is none or it cannot be read.
    func restartRecord(of service: String) -> RestartRecord {
        FileManager.default.contents(atPath: restartRecordFile(service)).flatMap { try? RestartRecord.decoded(from: $0) } ?? RestartRecord()
    }

    /// Replaces a service's restart record at once (written beside it, then renamed: a reader never sees half a file).
    func writeRestartRecord(_ record: RestartRecord, of service: String) throws {
        try record.encoded().write(to: URL(fileURLWithPath: restartRecordFile(service)), options: .atomic)
    }

    /// Ends the supervisor (SIGTERM; SIGKILL after 30 s) unless it is this process, and removes its pid file.
    func stopSupervisor(progress: ProgressPrinter) async {
        if let pid = supervisorPID, pid != getpid() {
            // A foreground `mercato up` stops the whole stack before it exits on SIGTERM: it gets longer than a service.
            await progress.stopping("supervisor") { await ChildProcess.stop(pid, timeout: 30) }
        }
        if PidFile.read(supervisorPidFile) != getpid() { try? FileManager.default.removeItem(atPath: supervisorPidFile) }
    }
}

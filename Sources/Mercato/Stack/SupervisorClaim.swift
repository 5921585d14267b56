import Foundation
import LocalCluster

/// The right to restart a stack's services, held by one process at a time so that two supervisors never race to
/// restart the same service: an exclusive `flock` on `run/supervisor.lock` (the kernel drops it when its holder dies,
/// however it dies) and the holder's pid in `run/supervisor.pid` for `status` and `down`.
struct SupervisorClaim {
    private let descriptor: Int32
    private let pidFile: String

    private init(descriptor: Int32, pidFile: String) {
        self.descriptor = descriptor
        self.pidFile = pidFile
    }

    /// Takes the claim for this process; nil when another process holds it.
    static func take(for stack: LocalStack) throws -> SupervisorClaim? {
        try FileManager.default.createDirectory(atPath: stack.config.runDirectory, withIntermediateDirectories: true)
        let lockFile = stack.config.runDirectory + "/supervisor.lock"
        // Close-on-exec: a service spawned while the lock is held must not inherit (and so keep holding) it.
        let descriptor = open(lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StackError("cannot open \(lockFile): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        do {
            try PidFile.write(getpid(), to: stack.supervisorPidFile)
        } catch {
            close(descriptor)
            throw error
        }
        return SupervisorClaim(descriptor: descriptor, pidFile: stack.supervisorPidFile)
    }

    /// Gives the claim up: removes the pid file, then drops the lock.
    func release() {
        if PidFile.read(pidFile) == getpid() { try? FileManager.default.removeItem(atPath: pidFile) }
        close(descriptor)
    }
}

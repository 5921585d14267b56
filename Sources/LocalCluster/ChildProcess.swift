import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process started with `posix_spawn`: optionally in its own session (so `mercato up --detach`
/// survives the terminal), output appended to a file. Foundation's `Process` is not used: on Linux
/// its exit notification can be lost, leaving `waitUntilExit()` blocked forever.
public struct ChildProcess: Sendable {
    /// Process id.
    public let pid: pid_t

    /// The process could not be started.
    public struct SpawnFailure: Error, CustomStringConvertible {
        /// The program.
        public var executable: String
        /// The errno value.
        public var code: Int32
        /// What went wrong.
        public var description: String { "could not start \(executable): \(String(cString: strerror(code)))" }
    }

    /// A handle for an existing process.
    public init(pid: pid_t) { self.pid = pid }

    /// Starts `executable` with `arguments` and `environment` (merged over ours), appending its output to `logFile`.
    public static func spawn(executable: String, arguments: [String], environment: [String: String], logFile: String,
                             newSession: Bool = true, directory: String? = nil) throws -> ChildProcess {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        #if os(Linux)
        let setSessionFlag: Int32 = 0x80  // POSIX_SPAWN_SETSID, a macro Swift does not import from glibc
        #else
        let setSessionFlag = Int32(POSIX_SPAWN_SETSID)
        #endif
        // The child starts with no blocked signals and default handlers (our runtime blocks some, and a
        // blocked SIGTERM would make a child ignore `stop`), and with none of our descriptors beyond 0–2
        // (NIO's sockets are not close-on-exec; a child holding them keeps ports and connections alive).
        var flags = Int32(0x04 | 0x08)  // POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK (macros Swift does not import)
        if newSession { flags |= setSessionFlag }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        DescriptorCloser.closeFrom(3, in: &fileActions)

        var command = [executable] + arguments
        #if os(Linux)
        // glibc's posix_spawn_file_actions_addchdir_np is not imported into Swift; coreutils' env changes directory instead.
        if let directory { command = ["/usr/bin/env", "-C", directory] + command }
        #endif
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv = command.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &fileActions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnFailure(executable: executable, code: result) }
        return ChildProcess(pid: pid)
    }

    /// Blocks until the process exits and returns its exit status (128 + signal when killed).
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        return TerminationStatus(waitStatus: status).shellStatus
    }

    /// What a look at a process found.
    public enum Liveness: Sendable, Equatable {
        /// It runs.
        case running
        /// It has ended: with this status when it was our child, nil when it was not (only its parent learns it).
        case exited(TerminationStatus?)
    }

    /// Looks at `pid` without blocking, reaping it when it is a finished child of ours.
    public static func liveness(of pid: pid_t) -> Liveness {
        var status: Int32 = 0
        if pid > 0, waitpid(pid, &status, WNOHANG) == pid { return .exited(TerminationStatus(waitStatus: status)) }
        return isAlive(pid) ? .running : .exited(nil)
    }

    /// Whether a process with `pid` is alive (zombies count as gone).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 else { return false }
        #if os(Linux)
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(close, offsetBy: 2)]
            return state != "Z" && state != "X"
        }
        #endif
        return true
    }

    /// Reaps a finished child of ours without blocking.
    public static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    /// Sends SIGTERM, waits up to `timeout` seconds, then SIGKILL. Returns true when it stopped in time.
    @discardableResult
    public static func stop(_ pid: pid_t, timeout: Double) async -> Bool {
        guard isAlive(pid) else { return true }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            reap(pid)
            if !isAlive(pid) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        reap(pid)
        return false
    }
}

/// Asks `posix_spawn` to close every descriptor from a number on, where the C library can (glibc ≥ 2.34).
enum DescriptorCloser {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time: Swift does not import it.
    private static let closeFromFunction: CloseFrom? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
        #else
        return nil
        #endif
    }()

    static func closeFrom(_ first: Int32, in actions: inout posix_spawn_file_actions_t) {
        guard let closeFromFunction else { return }
        _ = withUnsafeMutablePointer(to: &actions) { closeFromFunction($0, first) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a process ended: with an exit code, or killed by a signal.
public enum TerminationStatus: Sendable, Equatable, Codable, CustomStringConvertible {
    /// It called `exit` (or returned from `main`) with this code.
    case exited(code: Int32)
    /// A signal ended it (SIGKILL, SIGSEGV; SIGILL or SIGTRAP for a Swift runtime trap).
    case signaled(Int32)

    /// Decodes a status word from `waitpid` for a process that has terminated.
    public init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        self = signal == 0 ? .exited(code: (status >> 8) & 0xff) : .signaled(signal)
    }

    /// The number a shell shows in `$?`: the exit code, or 128 + the signal.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }

    /// `exit code 1`, `signal 9 (SIGKILL)`.
    public var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): Self.signalNames[signal].map { "signal \(signal) (\($0))" } ?? "signal \(signal)"
        }
    }

    /// Names of the signals a crashing or killed process usually ends with, by this platform's numbers.
    private static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT",
        SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM",
    ]

    private enum CodingKeys: String, CodingKey { case code, signal }

    /// Reads `{"code": N}` or `{"signal": N}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let signal = try container.decodeIfPresent(Int32.self, forKey: .signal) {
            self = .signaled(signal)
        } else {
            self = .exited(code: try container.decode(Int32.self, forKey: .code))
        }
    }

    /// Writes `{"code": N}` or `{"signal": N}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .exited(let code): try container.encode(code, forKey: .code)
        case .signaled(let signal): try container.encode(signal, forKey: .signal)
        }
    }
}

import Foundation

/// Runs external programs (PostgreSQL's tools) and captures what they print.
public struct CommandRunner: Sendable {
    /// The outcome of one run.
    public struct Output: Sendable {
        /// Exit status.
        public var status: Int32
        /// Standard output and standard error, interleaved.
        public var text: String
    }

    /// A program failed; `output` holds what it printed.
    public struct Failure: Error, CustomStringConvertible {
        /// The command line.
        public var command: String
        /// What it printed.
        public var output: Output
        /// One-line description with the program's own words.
        public var description: String { "`\(command)` exited with \(output.status): \(output.text.trimmingCharacters(in: .whitespacesAndNewlines))" }
    }

    /// OS user to run as (via `runuser`) when this process is root, e.g. `postgres`; nil runs as ourselves.
    public var user: String?
    /// Extra environment variables.
    public var environment: [String: String]

    /// A runner dropping to `user` when root.
    public init(user: String? = nil, environment: [String: String] = [:]) {
        self.user = user
        self.environment = environment
    }

    /// Runs `executable` with `arguments` in `directory`; throws `Failure` on a non-zero exit unless `allowFailure`.
    @discardableResult
    public func run(_ executable: String, _ arguments: [String], in directory: String? = nil, allowFailure: Bool = false) throws -> Output {
        var argv = [executable] + arguments
        if let user, geteuid() == 0 {
            argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv
        }
        if !argv[0].hasPrefix("/") { argv = ["/usr/bin/env"] + argv }
        // Output goes to a file, not a pipe: a daemon the command starts (pg_ctl's postmaster)
        // may inherit the descriptor, and a pipe would then never report end-of-file.
        let outputPath = NSTemporaryDirectory() + "mercato-cmd-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess.spawn(executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment,
                                           logFile: outputPath, newSession: false, directory: directory)
        let status = child.waitForExit()
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        let output = Output(status: status, text: String(decoding: data, as: UTF8.self))
        if output.status != 0 && !allowFailure {
            throw Failure(command: argv.joined(separator: " "), output: output)
        }
        return output
    }

    /// `run` on a thread of its own, for async callers: waiting for a child blocks its thread, and blocking the few
    /// threads of the concurrency pool (two on a 2-core machine) stalls every other task of the process.
    @discardableResult
    public func runOffPool(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           allowFailure: Bool = false) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try run(executable, arguments, in: directory, allowFailure: allowFailure) })
            }
            thread.start()
        }
    }
}

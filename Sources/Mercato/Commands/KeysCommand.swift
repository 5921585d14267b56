import ArgumentParser
import LocalCluster
import Foundation

/// `mercato keys rotate`: adds a new identity signing key; old public keys stay published until their tokens expire.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage identity's token signing keys.",
                                                    subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rotate", abstract: "Add a new active signing key.")

        @OptionGroup var options: StackOptions

        func run() async throws {
            let stack = try LocalStack(config: try await options.stackConfig())
            let executable = LocalStack.executableDirectory + "/identity"
            var environment = try stack.environment(for: "identity")
            environment["MERCATO_LOG_FORMAT"] = "text"
            let child = try ChildProcess.spawn(executable: executable, arguments: ["rotate-signing-key"], environment: environment,
                                               logFile: "/dev/stdout", newSession: false)
            let status = child.waitForExit()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

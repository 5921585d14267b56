import ArgumentParser
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["rotate-signing-key"]
            var environment = ProcessInfo.processInfo.environment.merging(try stack.environment(for: "identity")) { _, new in new }
            environment["MERCATO_LOG_FORMAT"] = "text"
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
        }
    }
}

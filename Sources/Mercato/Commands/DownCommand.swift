import ArgumentParser
import LocalCluster

/// `mercato down`: stops a stack started with `mercato up --detach`, its supervisor first so that nothing is restarted.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop a detached stack: its supervisor first, then the services, PostgreSQL last.")

    @OptionGroup var options: StackOptions

    func run() async throws {
        let stack = try LocalStack(config: try await options.stackConfig())
        await stack.stop(progress: ProgressPrinter())
    }
}

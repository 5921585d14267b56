import ArgumentParser
import LocalCluster

/// `mercato down`: stops a stack started with `mercato up --detach`.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop a detached stack, services first, PostgreSQL last.")

    @OptionGroup var options: StackOptions

    func run() async throws {
        let stack = try LocalStack(config: try await options.stackConfig())
        await stack.stop(progress: ProgressPrinter())
    }
}

import ArgumentParser

/// `mercato bench`: the benchmarks, each against its peer in the same run; `http` when no suite is named.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark Mercato against named peers (http: the services; amqp: our AMQP client; events: end to end; orders: the saga under load).",
        subcommands: [BenchHTTPCommand.self, BenchAMQPCommand.self, BenchEventsCommand.self, BenchOrdersCommand.self], defaultSubcommand: BenchHTTPCommand.self)
}

import ArgumentParser

/// `mercato`: runs the whole platform on one machine, without containers.
@main
struct MercatoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mercato",
        abstract: "Run, inspect and exercise the Mercato platform on this machine.",
        subcommands: [UpCommand.self, ChaosCommand.self, DownCommand.self, StatusCommand.self, LogsCommand.self, SeedCommand.self, CheckCommand.self, LoadCommand.self,
                      KeysCommand.self, DeadLetterCommand.self, MailCommand.self, BenchCommand.self, SuperviseCommand.self])
}

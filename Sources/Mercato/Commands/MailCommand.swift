import ArgumentParser
import Foundation
import LocalCluster

/// `mercato mail`: what the local stack's mail sink has received.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "List email received by the local mail sink.")

    @OptionGroup var options: StackOptions

    @Option(name: [.customShort("n"), .long], help: "Show the last N messages.")
    var last = 20

    @Flag(help: "Print the messages' text bodies too.")
    var body = false

    func run() async throws {
        let config = try await options.stackConfig()
        let messages = try LocalStack(config: config).mailSink().messages().suffix(last)
        if messages.isEmpty { print("no mail yet in \(config.mailDirectory)/messages") }
        for message in messages {
            print("#\(message.number)  to \(message.rcptTos.joined(separator: ", "))  subject: \(message.subject ?? "-")")
            if body, let text = message.text { print(text.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")) }
        }
    }
}

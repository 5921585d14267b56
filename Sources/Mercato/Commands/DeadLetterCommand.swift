import AMQP
import ArgumentParser
import Foundation
import Messaging

/// `mercato dlq list|show|redrive <service>`: a service's dead-letter queue, for operators.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "Inspect and redrive a service's dead-letter queue (<service>.dlq).",
        subcommands: [List.self, Show.self, Redrive.self])

    /// Which broker and service; shared by the subcommands.
    struct Target: ParsableArguments {
        @OptionGroup var options: StackOptions

        @Option(help: "Broker URL (default: MERCATO_AMQP_URL, else the local stack's RabbitMQ).")
        var amqpURL: String?

        @Argument(help: "The consuming service, e.g. notifications.")
        var service: String

        func validate() throws {
            guard !service.isEmpty, service.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
                throw ValidationError("service must be a lowercase service name such as notifications")
            }
        }

        /// Connects (without reconnecting: a CLI should fail fast) and runs `body` on the service's dead-letter queue.
        func withQueue<T>(_ body: (DeadLetterQueue) async throws -> T) async throws -> T {
            var configuration = try AMQPConfiguration(url: try await url())
            configuration.recovery = nil
            configuration.connectionName = "mercato dlq"
            let connection = try await AMQPConnection.connect(configuration: configuration)
            do {
                let result = try await body(DeadLetterQueue(service: service, connection: connection))
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }

        private func url() async throws -> String {
            if let amqpURL { return amqpURL }
            if let url = ProcessInfo.processInfo.environment["MERCATO_AMQP_URL"] { return url }
            return try LocalStack(config: try await options.stackConfig()).rabbitMQ().amqpURL
        }
    }

    /// `mercato dlq list <service>`: how many, and one line each.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List dead letters: id, type, attempts, time, reason.")

        @OptionGroup var target: Target

        @Option(help: "Show at most this many.")
        var limit = 100

        @Flag(help: "Print JSON (an array of dead letters with headers and body).")
        var json = false

        func run() async throws {
            let (count, letters) = try await target.withQueue { queue in (try await queue.count(), try await queue.peek(limit: limit)) }
            if json { return try printJSON(letters) }
            print("\(target.service).dlq: \(count) message\(count == 1 ? "" : "s")")
            for letter in letters {
                let line = [letter.eventID ?? "-", letter.eventType ?? "-", "attempts=\(letter.attempts.map(String.init) ?? "-")",
                            letter.deadLetteredAt ?? "-", letter.reason ?? "-"]
                print("  " + line.joined(separator: "  "))
            }
        }
    }

    /// `mercato dlq show <service> [--id ID]`: full headers and body.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show dead letters in full: headers and body.")

        @OptionGroup var target: Target

        @Option(help: "Only the message with this event id.")
        var id: String?

        @Option(help: "Show at most this many.")
        var limit = 20

        func run() async throws {
            let letters = try await target.withQueue { queue in try await queue.peek(limit: id == nil ? limit : Int.max) }
            let chosen = letters.filter { id == nil || $0.eventID == id }
            if let id, chosen.isEmpty { throw ValidationError("no dead letter with id \(id) in \(target.service).dlq") }
            try printJSON(Array(chosen.prefix(limit)))
        }
    }

    /// `mercato dlq redrive <service> [--id ID] [--limit N]`: back to the service's queue as first attempts.
    struct Redrive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redrive", abstract: "Move dead letters back to <service>.events as fresh first attempts (after a fix).")

        @OptionGroup var target: Target

        @Option(help: "Only the message with this event id.")
        var id: String?

        @Option(help: "Move at most this many.")
        var limit: Int?

        func run() async throws {
            let moved = try await target.withQueue { queue in try await queue.redrive(eventID: id, limit: limit ?? .max) }
            print("redriven \(moved) message\(moved == 1 ? "" : "s") from \(target.service).dlq to \(target.service).events")
        }
    }
}

/// Pretty JSON on stdout.
private func printJSON(_ letters: [DeadLetter]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(letters), as: UTF8.self))
}

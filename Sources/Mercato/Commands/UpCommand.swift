import ArgumentParser
import LocalCluster
import Foundation
import UnixSignals

/// `mercato up`: starts PostgreSQL, RabbitMQ, the mail sink and every service, waits until all are ready, prints the URLs.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Start PostgreSQL, RabbitMQ, a mail sink and every service; Ctrl-C stops them all.")

    @OptionGroup var options: StackOptions

    @Flag(help: "Return once everything is ready, leaving it running (stop with `mercato down`).")
    var detach = false

    func run() async throws {
        let config = try await options.stackConfig()
        let stack = try LocalStack(config: config)
        let progress = ProgressPrinter()
        print("Mercato: starting on this machine (data in \(config.dataDirectory))")
        do {
            try await stack.start(progress: progress)
        } catch {
            print("Start-up failed: \(error). Logs: \(config.logsDirectory)")
            await stack.stop(progress: progress)
            throw ExitCode.failure
        }
        printSummary(config)
        guard !detach else {
            print("Running in the background. Stop with: mercato down")
            fflush(nil)
            return
        }
        print("Press Ctrl-C to stop.")
        fflush(nil)
        await waitForSignalWhileWatching(stack)
        print("\nStopping…")
        await stack.stop(progress: progress)
    }

    func printSummary(_ config: StackConfig) {
        print("")
        for service in LocalStack.services {
            print("  \(service.padding(toLength: 13, withPad: " ", startingAt: 0)) \(config.url(of: service))  (API docs: \(config.url(of: service))/openapi.yaml)")
        }
        print("  postgres      postgres://127.0.0.1:\(config.postgresPort)")
        print("  rabbitmq      amqp://127.0.0.1:\(config.rabbitMQPort)  (management http://127.0.0.1:\(config.rabbitMQPorts.management)/, "
              + "user mercato, password in \(config.secretsDirectory)/rabbitmq-password)")
        print("  mail-sink     smtp://127.0.0.1:\(config.mailSinkPort)  (messages in \(config.mailDirectory)/messages; mercato mail)")
        print("")
        print("  admin login: \(config.adminEmail), password in \(config.secretsDirectory)/admin-password (or MERCATO_ADMIN_PASSWORD)")
        print("  logs: mercato logs [service]   status: mercato status   demo data: mercato seed   dead letters: mercato dlq list <service>")
    }

    /// Waits for SIGINT/SIGTERM; meanwhile reports a service that exits on its own.
    func waitForSignalWhileWatching(_ stack: LocalStack) async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals { return }
            }
            group.addTask {
                var reported: Set<String> = []
                while !Task.isCancelled {
                    for service in LocalStack.services where !reported.contains(service) {
                        if let pid = PidFile.read(stack.pidFile(service)) {
                            ChildProcess.reap(pid)
                            if !ChildProcess.isAlive(pid) {
                                reported.insert(service)
                                print("  ! \(service) exited unexpectedly; see mercato logs \(service)")
                            }
                        }
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}

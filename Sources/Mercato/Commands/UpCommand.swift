import ArgumentParser
import LocalCluster
import Foundation

/// `mercato up`: starts PostgreSQL, RabbitMQ, the mail sink and every service, waits until all are ready, prints the URLs,
/// then restarts any service that exits on its own (in the foreground itself; with `--detach`, `mercato supervise`).
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Start PostgreSQL, RabbitMQ, a mail sink and every service; Ctrl-C stops them all.")

    @OptionGroup var options: StackOptions

    @Flag(help: "Return once everything is ready, leaving it running with a background supervisor that restarts a service that exits (stop with `mercato down`).")
    var detach = false

    func run() async throws {
        let config = try await options.stackConfig()
        let stack = try LocalStack(config: config)
        let progress = ProgressPrinter()
        print("Mercato: starting on this machine (data in \(config.dataDirectory))")
        do {
            try await stack.startInfrastructure(progress: progress)
            if detach {
                try await startServicesUnderSupervisor(stack, progress: progress)
            } else {
                try await stack.startServices(progress: progress)
            }
        } catch {
            print("Start-up failed: \(error). Logs: \(config.logsDirectory)")
            await stack.stop(progress: progress)
            throw ExitCode.failure
        }
        printSummary(config)
        guard !detach else {
            print("Running in the background; a service that exits is restarted (mercato logs supervisor). Stop with: mercato down")
            fflush(nil)
            return
        }
        print("Press Ctrl-C to stop.")
        fflush(nil)
        try await superviseUntilStopped(stack)
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

    /// Restarts services that exit on their own until SIGINT (Ctrl-C) or SIGTERM (`mercato down`), then stops
    /// supervising, so that stopping the services next does not start them again. When a detached supervisor already
    /// restarts them, only waits for the signal.
    func superviseUntilStopped(_ stack: LocalStack) async throws {
        let signals = await StopSignals.trap()
        guard let claim = try SupervisorClaim.take(for: stack) else {
            print("  A service that exits is restarted by the supervisor already running (pid \(stack.supervisorPID.map { String($0) } ?? "?")).")
            fflush(nil)
            _ = await StopSignals.run(until: signals) {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            }
            return
        }
        defer { claim.release() }
        let supervisor = ServiceSupervisor(stack: stack) { line in
            print("  \(line)")
            fflush(nil)
        }
        _ = await StopSignals.run(until: signals) { await supervisor.run() }
    }
}

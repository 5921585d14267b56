import ArgumentParser
import Foundation
import LocalCluster

/// `mercato supervise` (hidden): the background process `mercato up --detach` starts, in a session of its own with its
/// output in `logs/supervisor.log`. It starts the services, then restarts any that exits on its own until SIGTERM
/// (`mercato down`) or SIGINT. With another supervisor already running it leaves at once.
struct SuperviseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise", abstract: "Start the services and restart any that exits (run by `mercato up --detach`).",
        shouldDisplay: false)

    @OptionGroup var options: StackOptions

    func run() async throws {
        let signals = await StopSignals.trap()
        let stack = try LocalStack(config: try await options.stackConfig())
        let log: @Sendable (String) -> Void = { line in
            print("\(Date().ISO8601Format()) \(line)")
            fflush(nil)
        }
        guard let claim = try SupervisorClaim.take(for: stack) else {
            log("another supervisor runs (pid \(stack.supervisorPID.map { String($0) } ?? "unknown")); leaving it to it")
            return
        }
        defer { claim.release() }
        log("supervisor \(getpid()) starting the services")
        let started = await StopSignals.run(until: signals) { () -> Bool in
            do {
                try await stack.startServices(progress: ProgressPrinter())
            } catch {
                if !Task.isCancelled { log("start-up failed: \(error)") }
                return false
            }
            log("every service is ready; restarting any that exits")
            await ServiceSupervisor(stack: stack, report: log).run()
            return true
        }
        guard started != false else { throw ExitCode.failure }
        log("stop signal: supervisor \(getpid()) leaves the services to `mercato down`")
    }
}

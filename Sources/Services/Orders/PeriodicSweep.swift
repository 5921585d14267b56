import Logging
import ServiceLifecycle

/// The loop of the orders service's background sweeps.
enum PeriodicSweep {
    /// Runs `sweep` now and then every `interval` seconds until graceful shutdown or cancellation; a failed sweep is
    /// logged as `failure` and tried again on the next tick.
    static func run(every interval: Double, logger: Logger, failure: Logger.Message, _ sweep: @escaping @Sendable () async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await sweep()
                } catch {
                    logger.warning(failure, metadata: ["error": "\(String(reflecting: error))"])
                }
                do {
                    try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                } catch {
                    return
                }
            }
        }
    }
}

import Logging
import ServiceLifecycle

/// The loop of a background sweep (saga timeouts, expired keys, lapsed reservations).
public enum PeriodicSweep {
    /// Runs `sweep` now and then every `interval` until graceful shutdown or cancellation. A sweep in progress is
    /// finished first; a failed one is logged as `failure` and tried again on the next tick.
    public static func run(every interval: Duration, logger: Logger, failure: Logger.Message,
                           _ sweep: @Sendable () async throws -> Void) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await sweep()
            } catch {
                logger.warning(failure, metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

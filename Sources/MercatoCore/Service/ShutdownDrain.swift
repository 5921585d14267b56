import ServiceLifecycle

/// The first thing to stop on SIGTERM/SIGINT: readiness turns 503, then after `delay` seconds
/// (so load balancers stop sending) the listener is allowed to close and in-flight requests finish.
public struct ShutdownDrain: Service {
    private let readiness: Readiness
    private let delay: Double

    /// A drain for `readiness` waiting `delay` seconds.
    public init(readiness: Readiness, delay: Double) {
        self.readiness = readiness
        self.delay = delay
    }

    /// Waits for shutdown, then drains.
    public func run() async throws {
        try? await gracefulShutdown()
        readiness.beginDraining()
        if delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
    }
}

import AsyncHTTPClient
import NIOCore

extension HTTPClient.Configuration {
    /// A configuration for the `HTTPClient` under a `ResilientHTTPClient`: no redirects (a service
    /// answers, it does not move), up to `connectionsPerHost` pooled connections, no silent retrying of
    /// refused connections (the resilient client retries within its budget and deadline), and no tracer
    /// of its own, since the resilient client makes the client span and injects `traceparent` itself.
    public static func serviceToService(connectionsPerHost: Int = 64, connectTimeout: Duration = .seconds(2)) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.tracing.tracer = nil
        return configuration
    }
}

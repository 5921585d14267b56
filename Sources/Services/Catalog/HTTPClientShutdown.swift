import AsyncHTTPClient
import ServiceLifecycle

/// Owns an `HTTPClient` for the life of the service group: waits for graceful shutdown, then shuts the client down.
struct HTTPClientShutdown: Service {
    let client: HTTPClient

    /// Waits for shutdown (or cancellation), then closes the client's connections.
    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

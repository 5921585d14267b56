import AsyncHTTPClient
import ServiceLifecycle

extension AccessTokenVerifier {
    /// The verifier a service checks bearer tokens with. `keySource` nil → a `JWKSKeySource` on `auth.jwksURL` with an
    /// HTTP client of its own (no redirects), which the returned `OwnedHTTPClient` service shuts down after the server
    /// stops; tests pass a static source and get no service.
    public static func forService(environment: ServiceEnvironment, keySource: (any PublicKeySource)?)
        -> (verifier: AccessTokenVerifier, services: [any Service])
    {
        var services: [any Service] = []
        let keys: any PublicKeySource
        if let keySource {
            keys = keySource
        } else {
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            let client = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
            services.append(OwnedHTTPClient(client: client))
            keys = JWKSKeySource(url: environment.auth.jwksURL, httpClient: client, logger: environment.logger)
        }
        let verifier = AccessTokenVerifier(keys: keys, auth: environment.auth)
        return (verifier, services)
    }
}

/// Owns an `HTTPClient` for the life of the service group: waits for graceful shutdown, then shuts the client down.
public struct OwnedHTTPClient: Service {
    /// The client.
    public let client: HTTPClient

    /// A service owning `client`.
    public init(client: HTTPClient) { self.client = client }

    /// Waits for shutdown (or cancellation), then closes the client's connections.
    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore

/// Public keys fetched from identity's JWKS URL and cached: refetched when a token names an
/// unknown `kid` (at most once per `minimumRefetchInterval`), and every `maximumAge` anyway.
/// A service never calls identity per request.
public actor JWKSKeySource: PublicKeySource {
    private let url: String
    private let httpClient: HTTPClient
    private let logger: Logger
    private let minimumRefetchInterval: Duration
    private let maximumAge: Duration
    private var keys: [String: Curve25519.Signing.PublicKey] = [:]
    private var fetchedAt: ContinuousClock.Instant?
    private var inFlight: Task<[String: Curve25519.Signing.PublicKey], any Error>?

    /// A source reading `url` with `httpClient`.
    public init(url: String, httpClient: HTTPClient, logger: Logger,
                minimumRefetchInterval: Duration = .seconds(5), maximumAge: Duration = .seconds(600)) {
        self.url = url
        self.httpClient = httpClient
        self.logger = logger
        self.minimumRefetchInterval = minimumRefetchInterval
        self.maximumAge = maximumAge
    }

    /// The key for `kid`, fetching the set when it is unknown or stale.
    public func publicKey(kid: String) async throws -> Curve25519.Signing.PublicKey? {
        let now = ContinuousClock.now
        let stale = fetchedAt.map { now - $0 > maximumAge } ?? true
        if let key = keys[kid], !stale { return key }
        let mayRefetch = fetchedAt.map { now - $0 >= minimumRefetchInterval } ?? true
        if mayRefetch || stale {
            do {
                try await refresh()
            } catch {
                logger.warning("JWKS fetch failed", metadata: ["url": "\(url)", "error": "\(error)"])
                if keys.isEmpty { throw error }
            }
        }
        return keys[kid]
    }

    /// Fetches the key set now (one fetch at a time).
    public func refresh() async throws {
        if let inFlight {
            keys = try await inFlight.value
            return
        }
        let task = Task { [url, httpClient] in try await Self.fetch(url: url, httpClient: httpClient) }
        inFlight = task
        defer { inFlight = nil }
        let fetched = try await task.value
        keys = fetched
        fetchedAt = .now
    }

    static func fetch(url: String, httpClient: HTTPClient) async throws -> [String: Curve25519.Signing.PublicKey] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await httpClient.execute(request, timeout: .seconds(5))
        guard response.status == .ok else { throw JWKSFetchError(status: Int(response.status.code)) }
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode(JWKS.self, from: Data(buffer: body)).publicKeysByID
    }
}

/// The JWKS endpoint answered with a non-200 status.
public struct JWKSFetchError: Error, CustomStringConvertible {
    /// HTTP status received.
    public var status: Int
    /// Description for logs.
    public var description: String { "JWKS endpoint answered \(status)" }
}

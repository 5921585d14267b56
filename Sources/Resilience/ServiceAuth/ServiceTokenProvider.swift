import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Gets this service's client-credentials token from identity (`POST /oauth/token`) and caches it
/// until shortly before it expires. Concurrent callers share one request (single flight); when a
/// renewal fails while the cached token is still valid, that token is used meanwhile.
public actor ServiceTokenProvider: ServiceTokenSource {
    private struct CachedToken: Sendable {
        var value: String
        var renewAt: Deadline
        var expiresAt: Deadline
    }

    private let config: ServiceAuthConfig
    private let httpClient: HTTPClient
    private let clock: any Clock<Duration>
    private let logger: Logger
    private var cached: CachedToken?
    private var inFlight: Task<CachedToken, any Error>?

    /// A provider asking `config.tokenURL` through `httpClient`, timing expiry on `clock`.
    public init(config: ServiceAuthConfig, httpClient: HTTPClient, clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "mercato.service-auth")) {
        self.config = config
        self.httpClient = httpClient
        self.clock = clock
        self.logger = logger
    }

    /// A valid token: the cached one, or a new one when renewal is due.
    public func token() async throws -> String {
        if let cached, (cached.renewAt.remaining(on: clock) ?? .zero) > .zero { return cached.value }
        do {
            let fresh = try await renew()
            return fresh.value
        } catch {
            if let cached, (cached.expiresAt.remaining(on: clock) ?? .zero) > .zero {
                logger.warning("service token renewal failed; using the current token", metadata: ["error": "\(error)"])
                return cached.value
            }
            throw error
        }
    }

    /// Drops the cached token when it is `token`, so the next call fetches a new one (a downstream
    /// answered 401); a token already replaced by a newer one is left alone.
    public func invalidate(_ token: String) async {
        if cached?.value == token { cached = nil }
    }

    private func renew() async throws -> CachedToken {
        if let inFlight { return try await inFlight.value }
        let task = Task { [config, httpClient, clock] in
            let response = try await Self.fetch(config: config, httpClient: httpClient)
            let lifetime = Duration.seconds(response.expiresIn)
            let margin = min(config.refreshMargin, lifetime / 10)
            return CachedToken(value: response.accessToken, renewAt: Deadline(after: lifetime - margin, on: clock),
                               expiresAt: Deadline(after: lifetime, on: clock))
        }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        logger.debug("service token obtained", metadata: ["client_id": "\(config.clientID)"])
        return fresh
    }

    private static func fetch(config: ServiceAuthConfig, httpClient: HTTPClient) async throws -> ClientCredentialsResponse {
        var request = HTTPClientRequest(url: config.tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: config.tokenRequestForm))
        let response = try await httpClient.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .ok else {
            let oauth = try? JSONDecoder().decode(OAuthErrorResponse.self, from: Data(body.readableBytesView))
            throw ServiceTokenError(status: Int(response.status.code), error: oauth?.error)
        }
        return try JSONDecoder().decode(ClientCredentialsResponse.self, from: Data(body.readableBytesView))
    }
}

/// Identity refused or failed a token request.
public struct ServiceTokenError: Error, Sendable, CustomStringConvertible {
    /// HTTP status of the answer.
    public var status: Int
    /// The OAuth `error` code (`invalid_client`…), when the body had one.
    public var error: String?
    /// Description for logs.
    public var description: String { "token endpoint answered \(status)" + (error.map { " (\($0))" } ?? "") }
}

/// The successful answer of `POST /oauth/token` (RFC 6749 §5.1).
struct ClientCredentialsResponse: Decodable, Sendable {
    var accessToken: String
    var expiresIn: Int64

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expiresIn = "expires_in"
    }
}

/// An RFC 6749 §5.2 error answer.
struct OAuthErrorResponse: Decodable, Sendable {
    var error: String
}

import Foundation
import HummingbirdAuth
import Hummingbird
import NIOCore

/// The request context of every Mercato service: request id, body limit and the authenticated principal.
public struct AppRequestContext: AuthRequestContext, RemoteAddressRequestContext, Sendable {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The caller, once a bearer token has been verified.
    public var identity: Principal?
    /// The request id: the caller's `X-Request-Id` when sane, else a new UUID.
    public var requestID: String = ""
    /// Largest accepted body, set by `RequestIDMiddleware` from `http.bodyLimit`.
    public var bodyLimit: Int = 1 << 20
    private let channel: (any Channel)?

    /// Creates the context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.channel = source.channel
    }

    /// The peer's address, when the transport has one.
    public var remoteAddress: SocketAddress? { channel?.remoteAddress }

    /// The peer's IP address as text, or `unknown`.
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// Bodies are read through `Request.decodeJSON`, which enforces `bodyLimit`.
    public var maxUploadSize: Int { bodyLimit }
}

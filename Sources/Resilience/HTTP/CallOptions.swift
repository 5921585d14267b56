import NIOHTTP1

/// Per-call choices for `ResilientHTTPClient.execute`.
public struct CallOptions: Sendable {
    /// Whether the call may be sent twice. nil: decided by the request — `GET`, `HEAD`, `OPTIONS`,
    /// `PUT` and `DELETE` are idempotent (RFC 9110 §9.2.2), as is any request carrying `Idempotency-Key`;
    /// `POST` and `PATCH` without that header are never retried.
    public var idempotent: Bool?
    /// Time for the whole call, retries included; nil uses the downstream's `timeout`. An earlier
    /// deadline in `ServiceContext` always wins.
    public var timeout: Duration?
    /// Time for one attempt; nil uses the downstream's `attemptTimeout`.
    public var attemptTimeout: Duration?
    /// Largest response body read, in bytes.
    public var maxResponseBytes: Int

    /// Options with the downstream's defaults and a 4 MiB body limit.
    public init(idempotent: Bool? = nil, timeout: Duration? = nil, attemptTimeout: Duration? = nil, maxResponseBytes: Int = 4 << 20) {
        self.idempotent = idempotent
        self.timeout = timeout
        self.attemptTimeout = attemptTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The methods RFC 9110 calls idempotent.
    static let idempotentMethods: [HTTPMethod] = [.GET, .HEAD, .OPTIONS, .PUT, .DELETE, .TRACE]

    /// Whether a request with `method` and `headers` may be retried under these options.
    func isIdempotent(method: HTTPMethod, headers: HTTPHeaders) -> Bool {
        idempotent ?? (Self.idempotentMethods.contains(method) || headers.contains(name: "Idempotency-Key"))
    }
}

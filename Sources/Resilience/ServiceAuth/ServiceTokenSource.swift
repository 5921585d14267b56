/// Where a client gets the bearer token it sends on service-to-service calls.
public protocol ServiceTokenSource: Sendable {
    /// A currently valid access token.
    func token() async throws -> String

    /// Forgets `token` after a downstream refused it (401), so the next `token()` gets a new one.
    func invalidate(_ token: String) async
}

extension ServiceTokenSource {
    /// Sources whose tokens cannot be renewed ignore a refusal.
    public func invalidate(_ token: String) async {}
}

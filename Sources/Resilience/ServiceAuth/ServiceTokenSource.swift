/// Where a client gets the bearer token it sends on service-to-service calls.
public protocol ServiceTokenSource: Sendable {
    /// A currently valid access token.
    func token() async throws -> String
}

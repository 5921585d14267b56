import Crypto
import Foundation

/// A service allowed to obtain client-credentials tokens, from config `identity.clients`
/// entries of the form `clientId:secret:audience1 audience2:scope1 scope2` (one or more audiences, space-separated).
public struct ServiceClient: Sendable, Equatable {
    /// Client id (the token's `sub` and `client_id`).
    public var id: String
    /// Shared secret; never logged.
    public var secret: String
    /// Audiences its tokens may carry, space-separated.
    public var audience: String
    /// Space-separated scopes its tokens carry.
    public var scope: String

    /// A client with every part given.
    public init(id: String, secret: String, audience: String, scope: String) {
        self.id = id
        self.secret = secret
        self.audience = audience
        self.scope = scope
    }

    /// Parses one config entry; nil when it lacks an id, secret or audience. The secret may not contain `:`.
    public init?(entry: String) {
        let parts = entry.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count >= 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(id: parts[0], secret: parts[1], audience: parts[2].split(separator: " ").joined(separator: " "),
                  scope: parts.count > 3 ? parts[3].split(separator: " ").joined(separator: " ") : "")
    }

    /// Every audience the client may ask for.
    public var audiences: [String] { audience.split(separator: " ").map(String.init) }

    /// The audiences a token gets: `requested` (RFC 8707-style `audience` parameter, space-separated) when each is
    /// allowed, all of the client's when nil or empty; nil when any requested audience is not the client's.
    public func audiences(requested: String?) -> [String]? {
        let asked = (requested ?? "").split(separator: " ").map(String.init)
        guard !asked.isEmpty else { return audiences }
        let allowed = Set(audiences)
        return asked.allSatisfy(allowed.contains) ? asked : nil
    }

    /// The scope a token gets: `requested` (RFC 6749 §3.3, space-separated) when every scope in it is the client's,
    /// all of the client's when nil or empty; nil when it asks for a scope the client does not have.
    public func scope(requested: String?) -> String? {
        let asked = (requested ?? "").split(separator: " ").map(String.init)
        guard !asked.isEmpty else { return scope }
        let allowed = Set(scope.split(separator: " ").map(String.init))
        return asked.allSatisfy(allowed.contains) ? asked.joined(separator: " ") : nil
    }

    /// Whether `candidate` is the secret, compared in constant time (via equal-length digests).
    public func accepts(secret candidate: String) -> Bool {
        let expected = SHA256.hash(data: Data(secret.utf8))
        let given = SHA256.hash(data: Data(candidate.utf8))
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }
}

/// The configured service clients by id.
public struct ServiceClientRegistry: Sendable {
    private let clients: [String: ServiceClient]

    /// A registry of `clients` (a later duplicate id wins).
    public init(_ clients: [ServiceClient]) {
        self.clients = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The client with `id` and `secret`, or nil for an unknown id or wrong secret.
    public func authenticate(id: String, secret: String) -> ServiceClient? {
        guard let client = clients[id], client.accepts(secret: secret) else { return nil }
        return client
    }

    /// How many clients are configured.
    public var count: Int { clients.count }
}

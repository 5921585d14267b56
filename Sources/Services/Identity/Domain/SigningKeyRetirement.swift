/// One signing key's lifetime, as the publication rule sees it.
public struct SigningKeyLifetime: Sendable, Equatable {
    /// Key id.
    public var kid: String
    /// When it became the active key, seconds since the epoch.
    public var createdAt: Int64

    /// A lifetime.
    public init(kid: String, createdAt: Int64) {
        self.kid = kid
        self.createdAt = createdAt
    }
}

/// Which signing keys sign and which are published.
///
/// The newest key signs. An older key stays published until every token it signed has expired:
/// `accessTokenTTL + leeway` seconds after the key that replaced it was created.
public enum SigningKeyRetirement {
    /// The key that signs new tokens: the newest one (ties broken by kid, so replicas agree).
    public static func active(_ keys: [SigningKeyLifetime]) -> SigningKeyLifetime? {
        keys.max { ($0.createdAt, $0.kid) < ($1.createdAt, $1.kid) }
    }

    /// The kids to publish at `now`, newest first.
    public static func published(_ keys: [SigningKeyLifetime], now: Int64, accessTokenTTL: Int64, leeway: Int64) -> [String] {
        let newestFirst = keys.sorted { ($0.createdAt, $0.kid) > ($1.createdAt, $1.kid) }
        var result: [String] = []
        for (index, key) in newestFirst.enumerated() {
            if index == 0 {
                result.append(key.kid)
                continue
            }
            let replacedAt = newestFirst[index - 1].createdAt
            if now < replacedAt + accessTokenTTL + leeway { result.append(key.kid) }
        }
        return result
    }
}

import Configuration

/// How a service checks access tokens.
///
/// Keys (under `auth.`): `issuer` (default `mercato-identity`), `audience` (default `mercato`),
/// `jwksURL` (default `http://127.0.0.1:8081/.well-known/jwks.json`, identity's key set).
public struct AuthConfig: Sendable {
    /// Expected token issuer.
    public var issuer: String
    /// Audience user tokens carry and services accept.
    public var audience: String
    /// Where identity publishes its public keys.
    public var jwksURL: String

    /// Reads the settings.
    public init(reader: ConfigReader) {
        let auth = reader.scoped(to: "auth")
        self.issuer = auth.string(forKey: "issuer", default: "mercato-identity")
        self.audience = auth.string(forKey: "audience", default: "mercato")
        self.jwksURL = auth.string(forKey: "jwksURL", default: "http://127.0.0.1:8081/.well-known/jwks.json")
    }

    /// Settings given directly, for tests.
    public init(issuer: String = "mercato-identity", audience: String = "mercato", jwksURL: String = "") {
        self.issuer = issuer
        self.audience = audience
        self.jwksURL = jwksURL
    }
}

import Configuration

/// How a service checks access tokens.
///
/// Keys (under `auth.`): `issuer` (default `mercato-identity`), `audience` (default `mercato`),
/// `jwksURL` (default `http://127.0.0.1:8081/.well-known/jwks.json`, identity's key set),
/// `serviceAudience` (default the service's name: service tokens with this `aud` are accepted too,
/// and `/internal/...` routes require it).
public struct AuthConfig: Sendable {
    /// Expected token issuer.
    public var issuer: String
    /// Audience user tokens carry and services accept.
    public var audience: String
    /// Where identity publishes its public keys.
    public var jwksURL: String
    /// Audience of service tokens addressed to this service; nil accepts none.
    public var serviceAudience: String?

    /// Reads the settings; `serviceName` is the default `serviceAudience`.
    public init(reader: ConfigReader, serviceName: String? = nil) {
        let auth = reader.scoped(to: "auth")
        self.issuer = auth.string(forKey: "issuer", default: "mercato-identity")
        self.audience = auth.string(forKey: "audience", default: "mercato")
        self.jwksURL = auth.string(forKey: "jwksURL", default: "http://127.0.0.1:8081/.well-known/jwks.json")
        self.serviceAudience = auth.string(forKey: "serviceAudience") ?? serviceName
    }

    /// Settings given directly, for tests.
    public init(issuer: String = "mercato-identity", audience: String = "mercato", jwksURL: String = "", serviceAudience: String? = nil) {
        self.issuer = issuer
        self.audience = audience
        self.jwksURL = jwksURL
        self.serviceAudience = serviceAudience
    }
}

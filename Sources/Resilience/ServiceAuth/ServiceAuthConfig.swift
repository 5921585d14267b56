import Configuration

/// How a service obtains its client-credentials token from identity.
///
/// Keys (under `serviceAuth.`): `tokenURL` (default `http://127.0.0.1:8081/oauth/token`),
/// `clientId` (default: the service's name), `clientSecret` (secret, default empty),
/// `audience` and `scope` (default empty: not sent, identity uses the client's configured ones),
/// `refreshMargin` (double seconds, default 30: a token is renewed this long, or a tenth of its
/// lifetime when that is shorter, before it expires).
public struct ServiceAuthConfig: Sendable, Equatable {
    /// Identity's token endpoint.
    public var tokenURL: String
    /// The client id.
    public var clientID: String
    /// The client secret (never logged).
    public var clientSecret: String
    /// Audience asked for, if any.
    public var audience: String?
    /// Space-separated scopes asked for, if any.
    public var scope: String?
    /// Longest time before expiry at which a token is renewed.
    public var refreshMargin: Duration

    /// Reads the settings; `serviceName` is the default client id.
    public init(reader: ConfigReader, serviceName: String) {
        let auth = reader.scoped(to: "serviceAuth")
        self.tokenURL = auth.string(forKey: "tokenURL", default: "http://127.0.0.1:8081/oauth/token")
        self.clientID = auth.string(forKey: "clientId", default: serviceName)
        self.clientSecret = auth.string(forKey: "clientSecret", isSecret: true, default: "")
        self.audience = auth.string(forKey: "audience").flatMap { $0.isEmpty ? nil : $0 }
        self.scope = auth.string(forKey: "scope").flatMap { $0.isEmpty ? nil : $0 }
        self.refreshMargin = .seconds(auth.double(forKey: "refreshMargin", default: 30))
    }

    /// Settings given directly, for tests.
    public init(tokenURL: String, clientID: String, clientSecret: String, audience: String? = nil, scope: String? = nil,
                refreshMargin: Duration = .seconds(30)) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.audience = audience
        self.scope = scope
        self.refreshMargin = refreshMargin
    }

    /// The `application/x-www-form-urlencoded` body of a client-credentials token request.
    var tokenRequestForm: String {
        var fields = [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret)]
        if let audience { fields.append(("audience", audience)) }
        if let scope { fields.append(("scope", scope)) }
        return fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes all but RFC 3986's unreserved characters.
    static func formEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

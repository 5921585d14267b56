import Configuration
import MercatoCore

/// The identity service's settings.
///
/// Keys (under `identity.`; environment `MERCATO_IDENTITY_<KEY>` in upper snake case):
/// - `accessTokenTTL` (int seconds, default 900): lifetime of access tokens (user and client-credentials).
/// - `refreshTokenTTL` (int seconds, default 2592000 = 30 days): lifetime of each refresh token.
/// - `keyEncryptionKey` (secret, base64 of 32 bytes, required): seals signing private keys in the database;
///   the service refuses to start without it.
/// - `clients` (secret string array; environment comma-separated): service clients,
///   each `clientId:secret:audience:scope1 scope2`.
/// - `bcryptCost` (int 4…31, default 12): bcrypt work factor for passwords.
/// - `keyCacheSeconds` (double, default 5): how long signing keys read from the database are reused,
///   so a key added by `identity rotate-signing-key` is picked up without restart.
/// - `jwksLeeway` (int seconds, default 60): a replaced key stays in the JWKS for `accessTokenTTL` + this.
/// - Login throttle: `loginWindow` (int seconds, default 900), `loginAccountDelayAfter` (5),
///   `loginAccountRefuseAfter` (10), `loginAddressDelayAfter` (20), `loginAddressRefuseAfter` (50),
///   `loginDelayStep` (double seconds per failure over a delay threshold, 1), `loginMaxDelay` (double seconds, 5).
///
/// Issuer and audience come from `auth.issuer` / `auth.audience` (`AuthConfig`).
public struct IdentityConfig: Sendable {
    /// Access-token lifetime in seconds.
    public var accessTokenTTL: Int
    /// Refresh-token lifetime in seconds.
    public var refreshTokenTTL: Int
    /// Base64 key-encryption key, or nil when unset.
    public var keyEncryptionKey: String?
    /// Configured service clients.
    public var clients: [ServiceClient]
    /// Bcrypt cost.
    public var bcryptCost: UInt8
    /// Signing-key cache lifetime in seconds.
    public var keyCacheSeconds: Double
    /// Extra seconds a replaced key stays published.
    public var jwksLeeway: Int
    /// Failed-login limits.
    public var loginThrottle: LoginThrottlePolicy

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let identity = reader.scoped(to: "identity")
        accessTokenTTL = max(1, identity.int(forKey: "accessTokenTTL", default: 900))
        refreshTokenTTL = max(1, identity.int(forKey: "refreshTokenTTL", default: 2_592_000))
        keyEncryptionKey = identity.string(forKey: "keyEncryptionKey", isSecret: true)
        clients = identity.stringArray(forKey: "clients", isSecret: true, default: []).compactMap(ServiceClient.init(entry:))
        bcryptCost = UInt8(min(31, max(4, identity.int(forKey: "bcryptCost", default: 12))))
        keyCacheSeconds = max(0, identity.double(forKey: "keyCacheSeconds", default: 5))
        jwksLeeway = max(0, identity.int(forKey: "jwksLeeway", default: 60))
        let defaults = LoginThrottlePolicy()
        loginThrottle = LoginThrottlePolicy(
            windowSeconds: max(1, identity.int(forKey: "loginWindow", default: defaults.windowSeconds)),
            accountDelayAfter: identity.int(forKey: "loginAccountDelayAfter", default: defaults.accountDelayAfter),
            accountRefuseAfter: identity.int(forKey: "loginAccountRefuseAfter", default: defaults.accountRefuseAfter),
            addressDelayAfter: identity.int(forKey: "loginAddressDelayAfter", default: defaults.addressDelayAfter),
            addressRefuseAfter: identity.int(forKey: "loginAddressRefuseAfter", default: defaults.addressRefuseAfter),
            delayStepSeconds: identity.double(forKey: "loginDelayStep", default: defaults.delayStepSeconds),
            maximumDelaySeconds: identity.double(forKey: "loginMaxDelay", default: defaults.maximumDelaySeconds))
    }

    /// The cipher for signing keys; throws a start-up error naming the setting when it is missing or invalid.
    public func signingKeyCipher() throws -> SigningKeyCipher {
        guard let keyEncryptionKey, !keyEncryptionKey.isEmpty else { throw IdentityStartupError.missingKeyEncryptionKey }
        return try SigningKeyCipher(base64: keyEncryptionKey)
    }
}

/// Why identity refuses to start.
public enum IdentityStartupError: Error, CustomStringConvertible {
    /// `identity.keyEncryptionKey` is unset.
    case missingKeyEncryptionKey

    /// The message printed on exit.
    public var description: String {
        switch self {
        case .missingKeyEncryptionKey:
            return "identity.keyEncryptionKey is not set: set MERCATO_IDENTITY_KEY_ENCRYPTION_KEY to base64 of 32 random bytes "
                + "(e.g. `openssl rand -base64 32`); it encrypts the token signing keys stored in the database"
        }
    }
}

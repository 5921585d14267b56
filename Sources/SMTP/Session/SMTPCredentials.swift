/// A username and password for SMTP AUTH; the password never appears in descriptions or logs.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The login name.
    public var username: String
    /// The secret.
    public var password: String

    /// Credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The username with the password redacted.
    public var description: String { "SMTPCredentials(username: \(username), password: <redacted>)" }
    /// Same as `description`, so `dump`/`debugPrint` do not leak the secret either.
    public var debugDescription: String { description }
}

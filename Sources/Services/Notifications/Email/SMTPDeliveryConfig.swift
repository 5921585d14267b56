import Configuration
import Foundation
import SMTP

/// How email is delivered: the SMTP server and the retry schedule.
///
/// Keys (under `smtp.`; environment `MERCATO_SMTP_<KEY>` in upper snake case):
/// - `host` (string, default `127.0.0.1`), `port` (int, default 2525): the SMTP server.
/// - `from` (string, default `Mercato <no-reply@mercato.local>`): the From mailbox, `Name <address>` or a bare address.
/// - `startTLS` (`off` | `optional` | `required`, default `off`): STARTTLS never, when offered, or always (refusing servers without it).
/// - `username`, `password` (secret; default unset): AUTH PLAIN/LOGIN when `username` is set.
/// - `allowInsecureAuth` (bool, default false): send credentials without TLS (local test servers only).
/// - `maxAttempts` (int, default 5): attempts per email before it is marked `failed`.
/// - `retryDelay` (double seconds, default 30): delay after the first failed attempt, doubling each time up to `maxRetryDelay`.
/// - `maxRetryDelay` (double seconds, default 3600).
/// - `pollInterval` (double seconds, default 5): how often due emails are looked for when no NOTIFY arrives.
/// - `timeout` (double seconds, default 30): connect and per-reply timeout.
public struct SMTPDeliveryConfig: Sendable {
    /// The From mailbox.
    public var from: EmailAddress
    /// The client settings.
    public var client: SMTPClient.Configuration
    /// Attempts and backoff.
    public var retryPolicy: SMTPRetryPolicy
    /// Polling fallback, in seconds.
    public var pollInterval: Double

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let smtp = reader.scoped(to: "smtp")
        from = Self.mailbox(smtp.string(forKey: "from", default: "Mercato <no-reply@mercato.local>"))
        let timeout = Duration.milliseconds(Int(max(0.1, smtp.double(forKey: "timeout", default: 30)) * 1000))
        var credentials: SMTPCredentials?
        if let username = smtp.string(forKey: "username"), !username.isEmpty {
            credentials = SMTPCredentials(username: username, password: smtp.string(forKey: "password", isSecret: true, default: ""))
        }
        client = SMTPClient.Configuration(
            host: smtp.string(forKey: "host", default: "127.0.0.1"), port: smtp.int(forKey: "port", default: 2525),
            tlsMode: Self.tlsMode(smtp.string(forKey: "startTLS", default: "off")), credentials: credentials,
            heloName: "mercato-notifications", connectTimeout: timeout, commandTimeout: timeout, dataTimeout: timeout * 4,
            allowsInsecureAuthentication: smtp.bool(forKey: "allowInsecureAuth", default: false))
        retryPolicy = SMTPRetryPolicy(
            maximumAttempts: max(1, smtp.int(forKey: "maxAttempts", default: 5)),
            baseDelay: .milliseconds(Int(max(0.001, smtp.double(forKey: "retryDelay", default: 30)) * 1000)),
            maximumDelay: .milliseconds(Int(max(0.001, smtp.double(forKey: "maxRetryDelay", default: 3600)) * 1000)))
        pollInterval = max(0.01, smtp.double(forKey: "pollInterval", default: 5))
    }

    /// `off` → plain, `optional` → STARTTLS when offered, anything else (`required`) → STARTTLS or fail.
    static func tlsMode(_ text: String) -> SMTPTLSMode {
        switch text.lowercased() {
        case "off": return .none
        case "optional": return .startTLSIfAvailable
        default: return .startTLS
        }
    }

    /// `Name <address>` or a bare `address`.
    static func mailbox(_ text: String) -> EmailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return EmailAddress(trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return EmailAddress(address, name: name.isEmpty ? nil : name)
    }
}

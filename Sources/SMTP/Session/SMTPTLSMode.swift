/// Whether the session upgrades the connection with STARTTLS (RFC 3207).
public enum SMTPTLSMode: String, Sendable, Hashable {
    /// Plain text throughout; for local sinks and tests.
    case none
    /// STARTTLS is required: a server without it fails the send (permanently).
    case startTLS
    /// STARTTLS when the server offers it, plain text otherwise (open to downgrade; opportunistic only).
    case startTLSIfAvailable
}

import NIOCore

/// What one session delivers: the reverse path, the forward paths and the DATA bytes.
public struct SMTPEnvelope: Sendable, Hashable {
    /// The MAIL FROM address (bare, without angle brackets).
    public var sender: String
    /// The RCPT TO addresses, in order.
    public var recipients: [String]
    /// The message, already encoded by `SMTPMessageContent.encode` (dot-stuffed, terminated).
    public var content: ByteBuffer

    /// An envelope.
    public init(sender: String, recipients: [String], content: ByteBuffer) {
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }
}

/// Every failure of the SMTP client: an opaque `code` (so cases can grow), the server's reply when
/// there was one, and whether trying again later may succeed.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure; compare with the static members, never switch exhaustively.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The TCP connection could not be opened (refused, unreachable, connect timeout).
        public static let connectionFailed = Code("connectionFailed")
        /// The connection closed before the message was accepted.
        public static let connectionClosed = Code("connectionClosed")
        /// The server did not answer within the configured time.
        public static let timeout = Code("timeout")
        /// The server answered with a reply the session did not expect at that step, or bytes that are no reply.
        public static let protocolViolation = Code("protocolViolation")
        /// The server refused the connection in its greeting.
        public static let greetingRejected = Code("greetingRejected")
        /// EHLO and HELO were both refused.
        public static let heloRejected = Code("heloRejected")
        /// TLS was required but the server does not offer STARTTLS, or refused it.
        public static let startTLSUnavailable = Code("startTLSUnavailable")
        /// The TLS handshake failed.
        public static let tlsFailed = Code("tlsFailed")
        /// Credentials are configured but the server offers no mechanism we speak, or the link is not encrypted.
        public static let authenticationUnavailable = Code("authenticationUnavailable")
        /// The server refused the credentials.
        public static let authenticationFailed = Code("authenticationFailed")
        /// MAIL FROM was refused.
        public static let senderRejected = Code("senderRejected")
        /// RCPT TO was refused (for every recipient, when thrown).
        public static let recipientRejected = Code("recipientRejected")
        /// DATA or the message content was refused.
        public static let messageRejected = Code("messageRejected")
        /// The message is larger than the server's advertised SIZE limit.
        public static let messageTooLarge = Code("messageTooLarge")
        /// The message cannot be sent as built (CR/LF in a header, bad address, no recipient).
        public static let invalidMessage = Code("invalidMessage")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// Whether the same send may succeed later: 4xx replies, dropped connections and timeouts.
    public var isTransient: Bool
    /// The server's reply code, when the failure is a reply.
    public var replyCode: Int?
    /// The server's reply text, when the failure is a reply.
    public var replyText: String?
    /// The enhanced status code of that reply, when the server sent one.
    public var enhancedStatusCode: SMTPEnhancedStatusCode?
    /// The recipient a RCPT failure is about.
    public var recipient: String?
    /// What we were doing, in words.
    public var message: String

    /// An error; `isTransient` defaults to what the code implies.
    public init(code: Code, message: String, isTransient: Bool? = nil, reply: SMTPReply? = nil, recipient: String? = nil) {
        self.code = code
        self.message = message
        self.replyCode = reply?.code
        self.replyText = reply?.text
        self.enhancedStatusCode = reply?.enhancedStatusCode
        self.recipient = recipient
        self.isTransient = isTransient ?? reply.map(\.isTransientFailure)
            ?? [.connectionFailed, .connectionClosed, .timeout].contains(code)
    }

    /// One line: code, what failed, and the server's words.
    public var description: String {
        var text = "SMTP \(code): \(message)"
        if let replyCode { text += " (server: \(replyCode) \(replyText ?? ""))" }
        return text + (isTransient ? " [transient]" : " [permanent]")
    }
}

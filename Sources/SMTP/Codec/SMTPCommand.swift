import NIOCore

/// A client command, or the message content that follows a 354 reply.
public enum SMTPCommand: Sendable, Hashable {
    /// `EHLO domain`.
    case ehlo(String)
    /// `HELO domain`, for servers that refuse EHLO.
    case helo(String)
    /// `STARTTLS`.
    case startTLS
    /// `AUTH PLAIN <base64(\0user\0password)>`, with the initial response on the same line.
    case authPlain(username: String, password: String)
    /// `AUTH LOGIN`; the server then asks for username and password with 334.
    case authLogin
    /// One base64 line answering a 334 challenge.
    case authResponse(String)
    /// `MAIL FROM:<address>`, with ` SIZE=n` when the server advertised SIZE.
    case mailFrom(String, size: Int?)
    /// `RCPT TO:<address>`.
    case rcptTo(String)
    /// `DATA`.
    case data
    /// The message, already dot-stuffed and ending with `CRLF . CRLF` (see `SMTPMessageContent`).
    case messageContent(ByteBuffer)
    /// `RSET`.
    case rset
    /// `NOOP`.
    case noop
    /// `QUIT`.
    case quit

    /// Writes the command's bytes, each command line ending in CRLF.
    public func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .ehlo(let domain): buffer.writeString("EHLO \(domain)\r\n")
        case .helo(let domain): buffer.writeString("HELO \(domain)\r\n")
        case .startTLS: buffer.writeString("STARTTLS\r\n")
        case .authPlain(let username, let password):
            let token = Base64.encode(Array("\0\(username)\0\(password)".utf8))
            buffer.writeString("AUTH PLAIN \(token)\r\n")
        case .authLogin: buffer.writeString("AUTH LOGIN\r\n")
        case .authResponse(let line): buffer.writeString("\(line)\r\n")
        case .mailFrom(let address, let size):
            buffer.writeString("MAIL FROM:<\(address)>")
            if let size { buffer.writeString(" SIZE=\(size)") }
            buffer.writeString("\r\n")
        case .rcptTo(let address): buffer.writeString("RCPT TO:<\(address)>\r\n")
        case .data: buffer.writeString("DATA\r\n")
        case .messageContent(var content): buffer.writeBuffer(&content)
        case .rset: buffer.writeString("RSET\r\n")
        case .noop: buffer.writeString("NOOP\r\n")
        case .quit: buffer.writeString("QUIT\r\n")
        }
    }
}

extension SMTPCommand: CustomStringConvertible {
    /// The command as it would appear in a log: credentials are never shown.
    public var description: String {
        switch self {
        case .authPlain: return "AUTH PLAIN <redacted>"
        case .authResponse: return "<redacted>"
        case .messageContent(let content): return "<message, \(content.readableBytes) bytes>"
        default:
            var buffer = ByteBuffer()
            encode(into: &buffer)
            return String(buffer: buffer).trimmingSuffix
        }
    }
}

extension String {
    /// Without the trailing CRLF, for logs ("\r\n" is one `Character`, hence one `dropLast`).
    fileprivate var trimmingSuffix: String { hasSuffix("\r\n") ? String(dropLast()) : self }
}

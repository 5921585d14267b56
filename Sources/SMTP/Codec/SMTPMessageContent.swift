import NIOCore

/// The bytes sent after DATA: line endings normalised to CRLF, dot-stuffed (RFC 5321 §4.5.2),
/// and terminated by `CRLF . CRLF`.
public enum SMTPMessageContent {
    /// Encodes `message` for the DATA phase.
    public static func encode(_ message: some Sequence<UInt8>) -> ByteBuffer {
        var output: [UInt8] = []
        output.reserveCapacity(message.underestimatedCount + 64)
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var atLineStart = true
        var previousWasCR = false
        for byte in message {
            if previousWasCR {
                previousWasCR = false
                // A CR LF pair was already written when the CR was seen; swallow its LF.
                if byte == lf { continue }
            }
            switch byte {
            case cr, lf:
                // Bare CR and bare LF both become CRLF: servers reject or mangle bare line endings.
                output.append(cr)
                output.append(lf)
                atLineStart = true
                previousWasCR = byte == cr
            default:
                if atLineStart && byte == dot { output.append(dot) }
                output.append(byte)
                atLineStart = false
            }
        }
        if !atLineStart { output.append(contentsOf: [cr, lf]) }
        output.append(contentsOf: [dot, cr, lf])
        return ByteBuffer(bytes: output)
    }
}

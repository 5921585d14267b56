/// Quoted-printable body encoding (RFC 2045 §6.7) with CRLF line breaks and lines of at most 76 characters.
enum QuotedPrintable {
    /// Encodes text whose line breaks are already CRLF; hard breaks stay CRLF, long lines get soft `=` breaks.
    static func encode(_ text: String) -> String {
        var output = ""
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            output += encodeLine(Array(line.utf8))
            if index < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                // Trailing whitespace would be stripped in transit, so it is encoded at the end of a line.
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : hex(byte)
            // Keep room for the soft-break `=`: at most 76 characters per encoded line.
            if lineLength + token.count > 75 {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}

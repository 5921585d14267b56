/// Header text rules (RFC 5322, RFC 2047): refusing injection, encoding non-ASCII, folding long lines.
enum HeaderValue {
    /// A header value with CR or LF could start a new header or the body: refused, never cleaned.
    static func refuseLineBreaks(_ value: String, header: String) throws {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw SMTPError(code: .invalidMessage, message: "\(header) contains a line break", isTransient: false)
        }
    }

    /// Unstructured text (Subject): ASCII as is, otherwise encoded-words.
    static func unstructured(_ text: String) -> String {
        isPlainASCII(text) ? text : EncodedWord.encode(text)
    }

    /// A display name: ASCII atoms as is, ASCII with specials quoted, otherwise encoded-words.
    static func phrase(_ text: String) -> String {
        guard isPlainASCII(text) else { return EncodedWord.encode(text) }
        let atomText = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0) }
        guard !atomText else { return text }
        let escaped = text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// Printable ASCII and tab only (control characters would also need encoding).
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { ($0.value >= 0x20 && $0.value < 0x7F) || $0 == "\t" }
    }

    /// `Name: value`, folded at spaces so lines stay within 78 characters where the value allows.
    static func line(_ name: String, _ value: String) -> String {
        var output = "\(name):"
        var lineLength = output.count
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if lineLength + 1 + word.count > 78, lineLength > name.count + 1 {
                output += "\r\n"
                lineLength = 0
            }
            output += " " + word
            lineLength += 1 + word.count
        }
        return output + "\r\n"
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

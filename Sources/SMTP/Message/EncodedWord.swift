/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for non-ASCII header text.
enum EncodedWord {
    /// Longest encoded-word we write: RFC 2047 allows 75, but a line holding encoded-words must stay
    /// within 76 characters, and the first word shares its line with the header name (`Subject: `).
    static let maximumLength = 64

    /// `text` as space-separated B-encoded words, each at most `maximumLength` characters and never splitting a character
    /// (a decoder may decode each word on its own).
    static func encode(_ text: String) -> String {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // 64 - 12 framing characters leaves 52; base64 makes 4 characters of every 3 bytes: 39 bytes fit.
        let maximumBytes = (maximumLength - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maximumBytes, !chunk.isEmpty {
                words.append(prefix + Base64.encode(chunk) + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(prefix + Base64.encode(chunk) + suffix) }
        return words.joined(separator: " ")
    }
}

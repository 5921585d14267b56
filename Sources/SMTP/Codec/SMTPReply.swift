/// One complete server reply: a three-digit code and its text lines (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Hashable {
    /// The three-digit reply code, e.g. 250.
    public var code: Int
    /// The text of every line, without the code, separator or line ending.
    public var lines: [String]
    /// The RFC 3463 enhanced status code, when the server put one at the start of the text.
    public var enhancedStatusCode: SMTPEnhancedStatusCode?

    /// A reply; the enhanced status code is read from the first line's text.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
        self.enhancedStatusCode = lines.first.flatMap { SMTPEnhancedStatusCode(prefixOf: $0, replyCode: code) }
    }

    /// The lines joined by newlines, as a person would read them.
    public var text: String { lines.joined(separator: "\n") }

    /// 2xx: the command was accepted.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: a temporary failure; the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: a permanent failure; repeating the command will not help.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }
}

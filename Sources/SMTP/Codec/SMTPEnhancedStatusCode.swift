/// An RFC 3463 enhanced status code such as `5.1.1`, carried at the start of a reply's text.
public struct SMTPEnhancedStatusCode: Sendable, Hashable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    /// The subject, e.g. 1 for addressing.
    public var subject: Int
    /// The detail, e.g. 1 for "bad destination mailbox".
    public var detail: Int

    /// A code from its three parts.
    public init(statusClass: Int, subject: Int, detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Reads `class.subject.detail` at the start of `text`; nil when absent or when its class
    /// disagrees with the reply code (then it is ordinary text, not a status code).
    init?(prefixOf text: String, replyCode: Int) {
        let token = text.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) }),
              let statusClass = Int(parts[0]), let subject = Int(parts[1]), let detail = Int(parts[2]),
              [2, 4, 5].contains(statusClass), statusClass == replyCode / 100
        else { return nil }
        self.init(statusClass: statusClass, subject: subject, detail: detail)
    }

    /// The dotted form, e.g. `5.1.1`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }
}

/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): one keyword and its parameters per line after the first.
public struct SMTPCapabilities: Sendable, Hashable {
    /// Upper-cased keyword → its parameters, e.g. `AUTH` → `["PLAIN", "LOGIN"]`.
    public private(set) var extensions: [String: [String]] = [:]

    /// No extensions (a server that answered HELO).
    public init() {}

    /// The extensions listed in an EHLO reply; the first line is the server's greeting, not an extension.
    public init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.dropFirst().map { $0.uppercased() }
        }
    }

    /// Whether the server offers STARTTLS.
    public var supportsStartTLS: Bool { extensions["STARTTLS"] != nil }
    /// The AUTH mechanisms offered.
    public var authMechanisms: [String] { extensions["AUTH"] ?? [] }
    /// Whether SIZE is advertised, so MAIL FROM may carry `SIZE=`.
    public var supportsSize: Bool { extensions["SIZE"] != nil }
    /// The advertised maximum message size; nil when absent or 0 (which means "no fixed limit").
    public var maximumMessageSize: Int? {
        guard let value = extensions["SIZE"]?.first.flatMap({ Int($0) }), value > 0 else { return nil }
        return value
    }
}

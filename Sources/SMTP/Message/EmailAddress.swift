/// A mailbox: an address with an optional display name, e.g. `Mercato <no-reply@mercato.test>`.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The bare address, `local@domain`.
    public var address: String
    /// The display name; non-ASCII names are sent as RFC 2047 encoded-words.
    public var name: String?

    /// A mailbox.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The address as written in a header.
    public var description: String { (try? headerValue()) ?? address }

    /// Refuses what would let a value escape its header or its angle brackets, and addresses SMTP cannot
    /// carry without SMTPUTF8 (which we do not negotiate).
    func validate() throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden: Set<Character> = ["<", ">", " ", "\t", ",", ";", "\"", "(", ")", "\\"]
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254,
              address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F }),
              !address.contains(where: forbidden.contains)
        else {
            throw SMTPError(code: .invalidMessage, message: "not a usable email address: \(address.debugDescription)", isTransient: false)
        }
        if let name { try HeaderValue.refuseLineBreaks(name, header: "display name") }
    }

    /// `name <address>` (name quoted or encoded as needed) or the bare address.
    func headerValue() throws -> String {
        try validate()
        guard let name, !name.isEmpty else { return address }
        return "\(HeaderValue.phrase(name)) <\(address)>"
    }
}

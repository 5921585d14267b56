import Foundation

extension EmailMessage {
    /// The message as RFC 5322/MIME bytes with CRLF line endings (not yet dot-stuffed).
    /// Throws `invalidMessage` for CR/LF in any header value, unusable addresses or no recipients.
    public func rendered(date: Date, messageID: String, boundary: String = "=_mercato_\(UUID().uuidString)") throws -> [UInt8] {
        try validate()
        try HeaderValue.refuseLineBreaks(messageID, header: "Message-ID")
        var headers = HeaderValue.line("Date", RFC5322Date.format(date))
        headers += HeaderValue.line("From", try from.headerValue())
        if !to.isEmpty { headers += HeaderValue.line("To", try to.map { try $0.headerValue() }.joined(separator: ", ")) }
        if !cc.isEmpty { headers += HeaderValue.line("Cc", try cc.map { try $0.headerValue() }.joined(separator: ", ")) }
        if let replyTo { headers += HeaderValue.line("Reply-To", try replyTo.headerValue()) }
        headers += HeaderValue.line("Subject", HeaderValue.unstructured(subject))
        headers += HeaderValue.line("Message-ID", "<\(messageID)>")
        headers += "MIME-Version: 1.0\r\n"

        guard let htmlBody else {
            let single = part(contentType: "text/plain", body: textBody)
            return Array((headers + single + (single.hasSuffix("\r\n") ? "" : "\r\n")).utf8)
        }
        var message = headers + "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
        // Text first: clients show the last alternative they understand, so HTML wins where it can.
        // The CRLF before each delimiter belongs to the delimiter (RFC 2046 §5.1.1), not to the part.
        message += "--\(boundary)\r\n" + part(contentType: "text/plain", body: textBody) + "\r\n"
        message += "--\(boundary)\r\n" + part(contentType: "text/html", body: htmlBody) + "\r\n"
        message += "--\(boundary)--\r\n"
        return Array(message.utf8)
    }

    /// Checks every address and header value; CR/LF anywhere in a header is refused.
    public func validate() throws {
        for address in [from] + to + cc + bcc + (replyTo.map { [$0] } ?? []) { try address.validate() }
        try HeaderValue.refuseLineBreaks(subject, header: "Subject")
        if let envelopeSender {
            try EmailAddress(envelopeSender).validate()
        }
        guard !envelopeRecipients.isEmpty else {
            throw SMTPError(code: .invalidMessage, message: "a message needs at least one recipient", isTransient: false)
        }
    }

    /// A new Message-ID (without angle brackets) on the sender's domain.
    public func generatedMessageID() -> String {
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        return "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// Content headers and the encoded body of one text part (no line break added after the body).
    private func part(contentType: String, body: String) -> String {
        let text = Self.crlfNormalized(body)
        var part = "Content-Type: \(contentType); charset=UTF-8\r\n"
        part += "Content-Transfer-Encoding: \(transferEncoding.rawValue)\r\n\r\n"
        switch transferEncoding {
        case .quotedPrintable:
            part += QuotedPrintable.encode(text)
        case .base64:
            let encoded = Base64.encode(Array(text.utf8))
            // RFC 2045 §6.8: encoded lines of at most 76 characters.
            var lines: [Substring] = []
            var rest = Substring(encoded)
            while !rest.isEmpty {
                lines.append(rest.prefix(76))
                rest = rest.dropFirst(76)
            }
            part += lines.joined(separator: "\r\n")
        }
        return part
    }

    /// Bare LF and bare CR become CRLF, so the encoded body has one kind of line break.
    static func crlfNormalized(_ text: String) -> String {
        var output = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { output += "\r\n" }
                previousWasCR = false
            } else if scalar == "\r" {
                output += "\r\n"
                previousWasCR = true
            } else {
                output.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        return output
    }
}

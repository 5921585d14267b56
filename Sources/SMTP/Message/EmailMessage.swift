import Foundation

/// An email to send: addresses, subject, a text body and optionally an HTML alternative.
/// `SMTPClient.send` renders it as MIME (UTF-8, quoted-printable or base64) with Date and Message-ID.
public struct EmailMessage: Sendable, Hashable {
    /// How body parts are made 7-bit safe.
    public enum TransferEncoding: String, Sendable, Hashable {
        /// Readable for mostly-ASCII text; the default.
        case quotedPrintable = "quoted-printable"
        /// Compact for mostly non-Latin text.
        case base64
    }

    /// The author (From header and, unless `envelopeSender` is set, MAIL FROM).
    public var from: EmailAddress
    /// Primary recipients.
    public var to: [EmailAddress]
    /// Copied recipients (in the Cc header).
    public var cc: [EmailAddress]
    /// Blind-copied recipients: in the envelope only, never in a header.
    public var bcc: [EmailAddress]
    /// Reply-To, when replies should go elsewhere.
    public var replyTo: EmailAddress?
    /// The subject; non-ASCII is sent as RFC 2047 encoded-words.
    public var subject: String
    /// The text/plain body.
    public var textBody: String
    /// An optional text/html alternative (the message becomes multipart/alternative).
    public var htmlBody: String?
    /// Body transfer encoding.
    public var transferEncoding: TransferEncoding
    /// MAIL FROM address when it differs from `from` (bounce address).
    public var envelopeSender: String?
    /// The Message-ID to use; generated from a UUID and the sender's domain when nil.
    public var messageID: String?
    /// The Date header; the send time when nil.
    public var date: Date?

    /// A message.
    public init(from: EmailAddress, to: [EmailAddress], cc: [EmailAddress] = [], bcc: [EmailAddress] = [],
                replyTo: EmailAddress? = nil, subject: String, textBody: String, htmlBody: String? = nil,
                transferEncoding: TransferEncoding = .quotedPrintable, envelopeSender: String? = nil,
                messageID: String? = nil, date: Date? = nil) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.transferEncoding = transferEncoding
        self.envelopeSender = envelopeSender
        self.messageID = messageID
        self.date = date
    }

    /// Every envelope recipient (to, cc, bcc), each once, in that order.
    public var envelopeRecipients: [String] {
        var seen = Set<String>()
        return (to + cc + bcc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }
}

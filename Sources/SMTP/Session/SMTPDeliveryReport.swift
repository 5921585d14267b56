/// The outcome of a send the server accepted.
public struct SMTPDeliveryReport: Sendable, Hashable {
    /// Recipients the server accepted with RCPT TO.
    public var acceptedRecipients: [String]
    /// Recipients the server refused while others were accepted; each error says whether it was transient.
    public var rejectedRecipients: [SMTPError]
    /// The server's reply after the message content (often carries its queue id).
    public var serverReply: SMTPReply
    /// The Message-ID header the message was sent with, when sent through `SMTPClient.send`.
    public var messageID: String?

    /// A report.
    public init(acceptedRecipients: [String], rejectedRecipients: [SMTPError], serverReply: SMTPReply, messageID: String? = nil) {
        self.acceptedRecipients = acceptedRecipients
        self.rejectedRecipients = rejectedRecipients
        self.serverReply = serverReply
        self.messageID = messageID
    }
}

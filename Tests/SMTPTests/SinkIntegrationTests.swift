import Foundation
import LocalCluster
import SMTP
import Testing

/// Tier: integration against a real SMTP server (Debian's aiosmtpd), whose Python `email` package
/// decodes what we sent independently of our encoder. Serialized: each test spawns a Python process, and
/// a spawn made while another test holds a socket would inherit it (NIO's sockets are not close-on-exec).
@Suite(.serialized) struct SinkIntegrationTests {
    private let from = EmailAddress("no-reply@mercato.test", name: "Mercato")

    @Test func messageArrivesWithRecipientsSubjectAndBody() async throws {
        try await withSMTPSink { sink in
            let message = EmailMessage(
                from: from, to: [EmailAddress("ada@example.test", name: "Ada"), EmailAddress("bob@example.test")],
                cc: [EmailAddress("cc@example.test")], bcc: [EmailAddress("audit@mercato.test")],
                subject: "Your order 1042 is confirmed", textBody: "Thanks for your order.\nTotal: 12.50 EUR\n",
                htmlBody: "<p>Thanks for your <b>order</b>.</p>")
            let report = try await sinkClient(sink).send(message)
            #expect(report.acceptedRecipients == ["ada@example.test", "bob@example.test", "cc@example.test", "audit@mercato.test"])
            #expect(report.serverReply.code == 250)

            let stored = try await sink.waitForMessages(count: 1)
            #expect(stored.count == 1)
            let received = stored[0]
            #expect(received.mailFrom == "no-reply@mercato.test")
            #expect(received.rcptTos == ["ada@example.test", "bob@example.test", "cc@example.test", "audit@mercato.test"])
            #expect(received.subject == "Your order 1042 is confirmed")
            #expect(received.to == "Ada <ada@example.test>, bob@example.test")
            #expect(received.cc == "cc@example.test")
            #expect(received.text?.replacingOccurrences(of: "\r\n", with: "\n") == "Thanks for your order.\nTotal: 12.50 EUR\n")
            #expect(received.html == "<p>Thanks for your <b>order</b>.</p>")
            #expect(received.messageID == "<\(try #require(report.messageID))>")
            #expect(!received.raw.contains("audit@"))
        }
    }

    @Test(arguments: [EmailMessage.TransferEncoding.quotedPrintable, .base64])
    func nonASCIISubjectAndBodyDecodeBack(encoding: EmailMessage.TransferEncoding) async throws {
        try await withSMTPSink { sink in
            let subject = "Baisse de prix : « Café moulu » à 4,20 € ☕ — 价格下降了，快来看看吧！这是一个很长的主题行"
            let body = "Bonjour Zoë,\nle café que vous suivez coûte désormais 4,20 €.\n日本語のテキストも。\n"
            let message = EmailMessage(from: EmailAddress("prix@mercato.test", name: "Mercato Épicerie"),
                                       to: [EmailAddress("zoe@example.test", name: "Zoë")],
                                       subject: subject, textBody: body, transferEncoding: encoding)
            _ = try await sinkClient(sink).send(message)
            let received = try #require(try await sink.waitForMessages(count: 1).first)
            #expect(received.subject == subject)
            #expect(received.to == "Zoë <zoe@example.test>")
            #expect(received.text?.replacingOccurrences(of: "\r\n", with: "\n") == body)
            // Only 7-bit bytes went over the wire.
            let sevenBit = received.raw.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(sevenBit)
        }
    }

    @Test func dotStuffingSurvives() async throws {
        try await withSMTPSink { sink in
            let body = ".\n..\n.leading dot\nmiddle . dot\n.\nlast line ."
            let message = EmailMessage(from: from, to: [EmailAddress("dots@example.test")], subject: "dots",
                                       textBody: body, transferEncoding: .quotedPrintable)
            _ = try await sinkClient(sink).send(message)
            let received = try #require(try await sink.waitForMessages(count: 1).first)
            #expect(received.text?.replacingOccurrences(of: "\r\n", with: "\n") == body + "\n")
        }
    }

    @Test func rejectedRecipientIsPermanentAndOthersStillGetTheMessage() async throws {
        var options = SMTPSink.Options()
        options.rejectedRecipients = ["gone@example.test"]
        try await withSMTPSink(options: options) { sink in
            let client = sinkClient(sink)
            let onlyRejected = EmailMessage(from: from, to: [EmailAddress("gone@example.test")], subject: "hello", textBody: "x")
            await #expect {
                try await client.send(onlyRejected)
            } throws: { error in
                guard let error = error as? SMTPError else { return false }
                return error.code == .recipientRejected && !error.isTransient && error.replyCode == 550
                    && error.enhancedStatusCode?.description == "5.1.1" && error.recipient == "gone@example.test"
            }
            // The retry policy gives up at once on it.
            var attempts = 0
            await #expect(throws: SMTPError.self) {
                try await SMTPRetryPolicy(maximumAttempts: 5).run(sleep: { _ in }) {
                    attempts += 1
                    return try await client.send(onlyRejected)
                }
            }
            #expect(attempts == 1)

            let mixed = EmailMessage(from: from, to: [EmailAddress("gone@example.test"), EmailAddress("here@example.test")],
                                     subject: "mixed", textBody: "x")
            let report = try await client.send(mixed)
            #expect(report.acceptedRecipients == ["here@example.test"])
            #expect(report.rejectedRecipients.map(\.recipient) == ["gone@example.test"])
            #expect(report.rejectedRecipients.first?.isTransient == false)
            let received = try await sink.waitForMessages(count: 1)
            #expect(received.map(\.rcptTos) == [["here@example.test"]])
        }
    }

    @Test func deferredRecipientIsTransientAndRetried() async throws {
        var options = SMTPSink.Options()
        options.deferredRecipients = ["busy@example.test"]
        try await withSMTPSink(options: options) { sink in
            var attempts = 0
            var delays: [Duration] = []
            let message = EmailMessage(from: from, to: [EmailAddress("busy@example.test")], subject: "later", textBody: "x")
            await #expect {
                try await SMTPRetryPolicy(maximumAttempts: 3).run(sleep: { delays.append($0) }) {
                    attempts += 1
                    return try await sinkClient(sink).send(message)
                }
            } throws: { error in
                (error as? SMTPError).map { $0.code == .recipientRejected && $0.isTransient && $0.replyCode == 450 } ?? false
            }
            #expect(attempts == 3)
            #expect(delays.count == 2)
        }
    }

    @Test func authenticationAgainstTheSink() async throws {
        var options = SMTPSink.Options()
        options.credentials = (username: "notifications", password: "s3cret")
        try await withSMTPSink(options: options) { sink in
            let message = EmailMessage(from: from, to: [EmailAddress("auth@example.test")], subject: "auth", textBody: "x")
            _ = try await sinkClient(sink, credentials: SMTPCredentials(username: "notifications", password: "s3cret")).send(message)
            #expect(try await sink.waitForMessages(count: 1).first?.authenticated == true)

            await #expect {
                try await sinkClient(sink, credentials: SMTPCredentials(username: "notifications", password: "wrong")).send(message)
            } throws: { error in
                (error as? SMTPError).map { $0.code == .authenticationFailed && !$0.isTransient && $0.replyCode == 535 } ?? false
            }
        }
    }

    @Test func closedPortIsATransientConnectionFailure() async throws {
        let port = try await freeLoopbackPort()
        let client = SMTPClient(configuration: .init(host: "127.0.0.1", port: port, tlsMode: .none, connectTimeout: .seconds(2)))
        let message = EmailMessage(from: from, to: [EmailAddress("x@example.test")], subject: "nobody home", textBody: "x")
        await #expect {
            try await client.send(message)
        } throws: { error in
            (error as? SMTPError).map { $0.code == .connectionFailed && $0.isTransient } ?? false
        }
    }

    @Test func requiredTLSAgainstASinkWithoutStartTLSFailsPermanently() async throws {
        try await withSMTPSink { sink in
            var configuration = sinkClient(sink).configuration
            configuration.tlsMode = .startTLS
            let message = EmailMessage(from: from, to: [EmailAddress("x@example.test")], subject: "tls", textBody: "x")
            await #expect {
                try await SMTPClient(configuration: configuration).send(message)
            } throws: { error in
                (error as? SMTPError).map { $0.code == .startTLSUnavailable && !$0.isTransient } ?? false
            }
            let stored = try sink.messages()
            #expect(stored.isEmpty)
        }
    }
}

import Foundation
import Testing
@testable import SMTP

/// Tier: codec. The MIME builder's exact output and its refusals.
@Suite struct EmailMessageTests {
    private let date = Date(timeIntervalSince1970: 1_057_056_757)  // Tue, 1 Jul 2003 10:52:37 UTC

    private func render(_ message: EmailMessage) throws -> String {
        String(decoding: try message.rendered(date: date, messageID: "id-1@mercato.test", boundary: "BOUNDARY"), as: UTF8.self)
    }

    private var welcome: EmailMessage {
        EmailMessage(from: EmailAddress("no-reply@mercato.test", name: "Mercato"),
                     to: [EmailAddress("ada@example.test", name: "Ada Lovelace"), EmailAddress("bob@example.test")],
                     cc: [EmailAddress("cc@example.test")], bcc: [EmailAddress("audit@mercato.test")],
                     subject: "Welcome", textBody: "Hello Ada,\nwelcome.\n")
    }

    @Test func plainTextMessageIsExact() throws {
        #expect(try render(welcome) == """
            Date: Tue, 1 Jul 2003 10:52:37 +0000\r
            From: Mercato <no-reply@mercato.test>\r
            To: Ada Lovelace <ada@example.test>, bob@example.test\r
            Cc: cc@example.test\r
            Subject: Welcome\r
            Message-ID: <id-1@mercato.test>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hello Ada,\r
            welcome.\r

            """)
    }

    @Test func bccIsInTheEnvelopeOnlyAndRecipientsAreDeduplicated() throws {
        var message = welcome
        message.cc.append(EmailAddress("ADA@example.test"))
        #expect(message.envelopeRecipients == ["ada@example.test", "bob@example.test", "cc@example.test", "audit@mercato.test"])
        #expect(!(try render(message)).contains("audit@"))
    }

    @Test func nonASCIISubjectAndNameAreEncodedWords() throws {
        var message = welcome
        message.subject = "Prix en baisse : café ☕"
        message.from.name = "Mercato Café"
        let text = try render(message)
        #expect(text.contains("Subject: =?UTF-8?B?\(Base64.encode(Array("Prix en baisse : café ☕".utf8)))?=\r\n"))
        #expect(text.contains("From: =?UTF-8?B?\(Base64.encode(Array("Mercato Café".utf8)))?= <no-reply@mercato.test>\r\n"))
    }

    @Test func longNonASCIISubjectIsSplitIntoShortWordsOnCharacterBoundaries() throws {
        let subject = String(repeating: "é☕", count: 40)
        let encoded = EncodedWord.encode(subject)
        let words = encoded.split(separator: " ")
        #expect(words.count > 1)
        var decoded: [UInt8] = []
        for word in words {
            #expect(word.count <= 64)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = Base64.decode(String(word.dropFirst(10).dropLast(2)))
            #expect(payload.map { String(validating: $0, as: UTF8.self) != nil } == true)
            decoded += payload ?? []
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        // Folded between words so no line holding encoded-words exceeds 76 characters (RFC 2047 §2).
        let header = HeaderValue.line("Subject", encoded)
        #expect(header.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test func specialsInDisplayNameAreQuoted() throws {
        #expect(try EmailAddress("a@b.test", name: "Smith, \"Jo\"").headerValue() == "\"Smith, \\\"Jo\\\"\" <a@b.test>")
    }

    @Test func quotedPrintableEncodesNonASCIIEqualsAndTrailingSpaceAndWrapsAt76() {
        #expect(QuotedPrintable.encode("café = 1 \r\nnext") == "caf=C3=A9 =3D 1=20\r\nnext")
        let long = QuotedPrintable.encode(String(repeating: "x", count: 200))
        let lines = long.split(separator: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(long.replacingAll("=\r\n", with: "") == String(repeating: "x", count: 200))
    }

    @Test func htmlMakesMultipartAlternativeAndBase64Works() throws {
        var message = welcome
        message.htmlBody = "<p>Hello</p>"
        message.transferEncoding = .base64
        let text = try render(message)
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"BOUNDARY\"\r\n\r\n--BOUNDARY\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Base64.encode(Array("Hello Ada,\r\nwelcome.\r\n".utf8)))\r\n--BOUNDARY\r\nContent-Type: text/html; charset=UTF-8\r\n"))
        #expect(text.hasSuffix("\(Base64.encode(Array("<p>Hello</p>".utf8)))\r\n--BOUNDARY--\r\n"))
    }

    @Test func lineBreakInSubjectIsRefused() {
        for injected in ["Hi\r\nBcc: victim@x.test", "Hi\nX-Evil: 1", "Hi\rX: 1"] {
            var message = welcome
            message.subject = injected
            #expect { try render(message) } throws: { ($0 as? SMTPError)?.code == .invalidMessage }
        }
    }

    @Test func lineBreakInAnyAddressOrNameIsRefused() {
        let bad: [(inout EmailMessage) -> Void] = [
            { $0.from.name = "Evil\r\nBcc: x@y.test" },
            { $0.to[0].address = "ada@example.test\r\nBcc: x@y.test" },
            { $0.cc = [EmailAddress("cc@example.test", name: "x\ny")] },
            { $0.replyTo = EmailAddress("r@x.test\n") },
            { $0.bcc = [EmailAddress("no-at-sign")] },
            { $0.to[0].address = "a b@x.test" },
            { $0.to[0].address = "ünï@x.test" },
            { $0.to = []; $0.cc = []; $0.bcc = [] },
        ]
        for mutate in bad {
            var message = welcome
            mutate(&message)
            #expect { try render(message) } throws: { error in
                let error = error as? SMTPError
                return error?.code == .invalidMessage && error?.isTransient == false
            }
        }
        #expect { try welcome.rendered(date: date, messageID: "x\r\ny") } throws: { ($0 as? SMTPError)?.code == .invalidMessage }
    }

    @Test func dateHeaderIsRFC5322InUTC() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_767_225_599)) == "Wed, 31 Dec 2025 23:59:59 +0000")
    }

    @Test func generatedMessageIDUsesTheSenderDomain() {
        #expect(welcome.generatedMessageID().hasSuffix("@mercato.test"))
        #expect(welcome.generatedMessageID() != welcome.generatedMessageID())
    }
}

import NIOCore
import Testing
@testable import SMTP

/// Tier: codec. Every command's exact bytes.
@Suite struct CommandEncodingTests {
    private func bytes(_ command: SMTPCommand) -> String {
        var buffer = ByteBuffer()
        command.encode(into: &buffer)
        return String(buffer: buffer)
    }

    @Test func commandLines() {
        #expect(bytes(.ehlo("client.test")) == "EHLO client.test\r\n")
        #expect(bytes(.helo("client.test")) == "HELO client.test\r\n")
        #expect(bytes(.startTLS) == "STARTTLS\r\n")
        #expect(bytes(.authLogin) == "AUTH LOGIN\r\n")
        #expect(bytes(.authResponse("dXNlcg==")) == "dXNlcg==\r\n")
        #expect(bytes(.mailFrom("a@b.test", size: nil)) == "MAIL FROM:<a@b.test>\r\n")
        #expect(bytes(.mailFrom("a@b.test", size: 1234)) == "MAIL FROM:<a@b.test> SIZE=1234\r\n")
        #expect(bytes(.rcptTo("c@d.test")) == "RCPT TO:<c@d.test>\r\n")
        #expect(bytes(.data) == "DATA\r\n")
        #expect(bytes(.rset) == "RSET\r\n")
        #expect(bytes(.noop) == "NOOP\r\n")
        #expect(bytes(.quit) == "QUIT\r\n")
    }

    @Test func authPlainCarriesBase64OfNulSeparatedCredentials() {
        // RFC 4616's example: "\0tim\0tanstaaftanstaaf".
        #expect(bytes(.authPlain(username: "tim", password: "tanstaaftanstaaf")) == "AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n")
    }

    @Test func descriptionsNeverShowSecrets() {
        #expect(SMTPCommand.authPlain(username: "u", password: "hunter2").description == "AUTH PLAIN <redacted>")
        #expect(!SMTPCommand.authResponse("aHVudGVyMg==").description.contains("aHVudGVyMg"))
        #expect(!SMTPCredentials(username: "u", password: "hunter2").description.contains("hunter2"))
        #expect(SMTPCommand.rcptTo("x@y.test").description == "RCPT TO:<x@y.test>")
    }

    @Test func base64RoundTrips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "héllo wörld ✓"] {
            let encoded = Base64.encode(Array(text.utf8))
            #expect(Base64.decode(encoded) == Array(text.utf8))
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fooba".utf8)) == "Zm9vYmE=")
    }
}

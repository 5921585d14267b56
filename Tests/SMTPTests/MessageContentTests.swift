import NIOCore
import Testing
@testable import SMTP

/// Tier: codec. DATA content: CRLF normalisation, dot-stuffing, terminator.
@Suite struct MessageContentTests {
    private func encode(_ text: String) -> String { String(buffer: SMTPMessageContent.encode(Array(text.utf8))) }

    @Test func terminatorIsAppended() {
        #expect(encode("hello\r\n") == "hello\r\n.\r\n")
        #expect(encode("hello") == "hello\r\n.\r\n")
        #expect(encode("") == ".\r\n")
    }

    @Test func linesStartingWithADotAreStuffed() {
        #expect(encode(".\r\n") == "..\r\n.\r\n")
        #expect(encode("a\r\n.b\r\n..c\r\nd.e\r\n") == "a\r\n..b\r\n...c\r\nd.e\r\n.\r\n")
        #expect(encode(".first") == "..first\r\n.\r\n")
    }

    @Test func bareLineEndingsBecomeCRLF() {
        #expect(encode("a\nb\rc\r\nd") == "a\r\nb\r\nc\r\nd\r\n.\r\n")
        #expect(encode("a\n.b") == "a\r\n..b\r\n.\r\n")
        #expect(encode("a\r\r\nb") == "a\r\n\r\nb\r\n.\r\n")
    }
}

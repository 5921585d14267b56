import NIOCore
import Testing
@testable import SMTP

/// Tier: decoder fed byte by byte, so every split point of a reply is exercised.
@Suite struct ReplyDecoderTests {
    /// Feeds `text` one byte at a time and collects the replies.
    private func decodeByteByByte(_ text: String) throws -> [SMTPReply] {
        var decoder = SMTPReplyDecoder()
        var buffer = ByteBuffer()
        var replies: [SMTPReply] = []
        for byte in text.utf8 {
            buffer.writeInteger(byte)
            while let reply = try decoder.decode(buffer: &buffer) { replies.append(reply) }
        }
        #expect(buffer.readableBytes == 0)
        return replies
    }

    @Test func singleLineReply() throws {
        let replies = try decodeByteByByte("220 mx.test ESMTP ready\r\n")
        #expect(replies == [SMTPReply(code: 220, lines: ["mx.test ESMTP ready"])])
        #expect(replies[0].enhancedStatusCode == nil)
    }

    @Test func multiLineEHLOReplyIsOneReply() throws {
        let replies = try decodeByteByByte("250-mx.test\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n")
        #expect(replies.count == 1)
        #expect(replies[0].code == 250)
        #expect(replies[0].lines == ["mx.test", "SIZE 1000", "STARTTLS", "AUTH PLAIN LOGIN"])
        let capabilities = SMTPCapabilities(ehloReply: replies[0])
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.maximumMessageSize == 1000)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test func consecutiveRepliesAreSeparate() throws {
        let replies = try decodeByteByByte("250 2.1.0 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
        #expect(replies.map(\.code) == [250, 354])
    }

    @Test func enhancedStatusCodeIsReadWhenItsClassMatches() throws {
        let replies = try decodeByteByByte("550 5.1.1 <x@y>: mailbox unavailable\r\n451 4.3.0 try later\r\n250 1.2.3 not a status\r\n")
        #expect(replies[0].enhancedStatusCode == SMTPEnhancedStatusCode(statusClass: 5, subject: 1, detail: 1))
        #expect(replies[1].enhancedStatusCode?.description == "4.3.0")
        #expect(replies[2].enhancedStatusCode == nil)
    }

    @Test func bareLineFeedAndCodeOnlyLinesAreTolerated() throws {
        let replies = try decodeByteByByte("250\n221-bye\n221 now\n")
        #expect(replies == [SMTPReply(code: 250, lines: [""]), SMTPReply(code: 221, lines: ["bye", "now"])])
    }

    @Test func partialReplyWaitsForMoreBytes() throws {
        var decoder = SMTPReplyDecoder()
        var buffer = ByteBuffer(string: "250-first\r\n250 sec")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeString("ond\r\n")
        #expect(try decoder.decode(buffer: &buffer)?.lines == ["first", "second"])
    }

    @Test(arguments: ["hello\r\n", "2x0 bad\r\n", "250-a\r\n251 b\r\n", "250_ok\r\n", "199 too low\r\n", "600 too high\r\n"])
    func malformedRepliesAreProtocolViolations(_ text: String) {
        #expect {
            _ = try decodeByteByByte(text)
        } throws: { error in
            (error as? SMTPError)?.code == .protocolViolation
        }
    }

    @Test func endlessLineIsRefused() {
        var decoder = SMTPReplyDecoder()
        var buffer = ByteBuffer(string: "250 " + String(repeating: "a", count: 5000))
        #expect(throws: SMTPError.self) { try decoder.decode(buffer: &buffer) }
    }
}

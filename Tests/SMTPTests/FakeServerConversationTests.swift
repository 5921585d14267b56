import Logging
import NIOCore
import NIOEmbedded
import NIOTLS
import Testing
@testable import SMTP

/// Tier: byte-exact conversations between the real pipeline (decoder, encoder, handler) and a scripted
/// server on an `EmbeddedChannel`.
@Suite struct FakeServerConversationTests {
    /// A pipeline like `SMTPClient`'s, with TLS replaced by a recorder.
    final class Harness {
        let channel = EmbeddedChannel()
        let promise: EventLoopPromise<SMTPDeliveryReport>
        var tlsInstalls = 0

        init(settings: SMTPSessionStateMachine.Settings, recipients: [String], body: String) throws {
            promise = channel.eventLoop.makePromise()
            let envelope = SMTPEnvelope(sender: "from@x.test", recipients: recipients, content: SMTPMessageContent.encode(Array(body.utf8)))
            let handler = SMTPClientHandler(
                stateMachine: SMTPSessionStateMachine(settings: settings, envelope: envelope), promise: promise,
                commandTimeout: .seconds(5), dataTimeout: .seconds(30),
                installTLS: { [unowned self] _ in self.tlsInstalls += 1 }, logger: Logger(label: "test"))
            try channel.pipeline.syncOperations.addHandlers(
                ByteToMessageHandler(SMTPReplyDecoder()), MessageToByteHandler(SMTPCommandEncoder()), handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25)).wait()
        }

        deinit {
            // Closing completes a still-pending promise, which NIO would otherwise report as leaked.
            _ = try? channel.finish(acceptAlreadyClosed: true)
        }

        /// The server says `text`; returns everything the client wrote in response.
        func server(_ text: String) throws -> String {
            try channel.writeInbound(ByteBuffer(string: text))
            var written = ""
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                written += buffer.readString(length: buffer.readableBytes) ?? ""
            }
            return written
        }

        /// The send's result, once it has one.
        func result() throws -> Result<SMTPDeliveryReport, SMTPError>? {
            var outcome: Result<SMTPDeliveryReport, SMTPError>?
            promise.futureResult.assumeIsolated().whenComplete { result in
                outcome = result.mapError { $0 as? SMTPError ?? SMTPError(code: .protocolViolation, message: "\($0)") }
            }
            return outcome
        }
    }

    private let plain = SMTPSessionStateMachine.Settings(heloName: "client.test", tlsMode: .none)

    @Test func fullConversationIsByteExact() throws {
        let h = try Harness(settings: plain, recipients: ["a@x.test", "b@x.test"], body: "Subject: hi\r\n\r\n.leading dot\r\nbye")
        #expect(try h.server("220 mx.test ESMTP\r\n") == "EHLO client.test\r\n")
        #expect(try h.server("250-mx.test\r\n250-SIZE 1000\r\n250 8BITMIME\r\n") == "MAIL FROM:<from@x.test> SIZE=38\r\n")
        #expect(try h.server("250 2.1.0 Ok\r\n") == "RCPT TO:<a@x.test>\r\n")
        #expect(try h.server("250 2.1.5 Ok\r\n") == "RCPT TO:<b@x.test>\r\n")
        #expect(try h.server("250 2.1.5 Ok\r\n") == "DATA\r\n")
        #expect(try h.server("354 go on\r\n") == "Subject: hi\r\n\r\n..leading dot\r\nbye\r\n.\r\n")
        #expect(try h.result() == nil)
        #expect(try h.server("250 2.0.0 queued as 42\r\n") == "QUIT\r\n")
        let report = try #require(try h.result()?.get())
        #expect(report.acceptedRecipients == ["a@x.test", "b@x.test"])
        #expect(report.serverReply.lines == ["2.0.0 queued as 42"])
        #expect(h.channel.isActive)
        _ = try h.server("221 bye\r\n")
        #expect(!h.channel.isActive)
    }

    @Test func startTLSNegotiationThenAuthOverTheSecuredChannel() throws {
        let settings = SMTPSessionStateMachine.Settings(heloName: "client.test", tlsMode: .startTLS,
                                                        credentials: SMTPCredentials(username: "tim", password: "tanstaaftanstaaf"))
        let h = try Harness(settings: settings, recipients: ["a@x.test"], body: "x")
        #expect(try h.server("220 mx.test\r\n") == "EHLO client.test\r\n")
        #expect(try h.server("250-mx.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n") == "STARTTLS\r\n")
        #expect(try h.server("220 2.0.0 Ready to start TLS\r\n") == "")
        #expect(h.tlsInstalls == 1)
        // NIOSSL announces the finished handshake with this event; the client must greet again.
        h.channel.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
        var ehlo = try #require(try h.channel.readOutbound(as: ByteBuffer.self))
        #expect(ehlo.readString(length: ehlo.readableBytes) == "EHLO client.test\r\n")
        #expect(try h.server("250-mx.test\r\n250 AUTH PLAIN LOGIN\r\n") == "AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n")
        #expect(try h.server("235 2.7.0 Authentication successful\r\n") == "MAIL FROM:<from@x.test>\r\n")
    }

    @Test func rejectedRecipientIsPermanentAndTheClientQuits() throws {
        let h = try Harness(settings: plain, recipients: ["gone@x.test"], body: "x")
        _ = try h.server("220 mx\r\n")
        _ = try h.server("250 mx\r\n")
        _ = try h.server("250 ok\r\n")
        #expect(try h.server("550 5.1.1 <gone@x.test>: user unknown\r\n") == "QUIT\r\n")
        let error = try #require(try h.result().flatMap { result -> SMTPError? in
            if case .failure(let error) = result { return error }
            return nil
        })
        #expect(error.code == .recipientRejected)
        #expect(!error.isTransient)
        #expect(error.replyCode == 550)
        #expect(error.enhancedStatusCode?.description == "5.1.1")
        #expect(error.recipient == "gone@x.test")
    }

    @Test func serverSilenceTimesOutAsTransientAndCloses() throws {
        let h = try Harness(settings: plain, recipients: ["a@x.test"], body: "x")
        _ = try h.server("220 mx\r\n")
        h.channel.embeddedEventLoop.advanceTime(by: .seconds(6))
        guard case .failure(let error) = try #require(try h.result()) else { Issue.record("expected failure"); return }
        #expect(error.code == .timeout)
        #expect(error.isTransient)
        #expect(!h.channel.isActive)
    }

    @Test func droppedConnectionIsTransient() throws {
        let h = try Harness(settings: plain, recipients: ["a@x.test"], body: "x")
        _ = try h.server("220 mx\r\n")
        h.channel.pipeline.fireChannelInactive()
        guard case .failure(let error) = try #require(try h.result()) else { Issue.record("expected failure"); return }
        #expect(error.code == .connectionClosed)
        #expect(error.isTransient)
    }

    @Test func garbageFromTheServerIsAProtocolViolation() throws {
        let h = try Harness(settings: plain, recipients: ["a@x.test"], body: "x")
        _ = try? h.server("HTTP/1.1 400 Bad Request\r\n")
        #expect(!h.channel.isActive)
        guard case .failure(let error) = try #require(try h.result()) else { Issue.record("expected failure"); return }
        #expect(error.code == .protocolViolation)
        #expect(!error.isTransient)
    }
}

import NIOCore
import Testing
@testable import SMTP

/// Tier: state machine, no I/O. Every path through a session and every failure class.
@Suite struct SessionStateMachineTests {
    typealias Action = SMTPSessionStateMachine.Action

    private static let content = SMTPMessageContent.encode(Array("Subject: x\r\n\r\nhi\r\n".utf8))

    private func machine(tls: SMTPTLSMode = .none, credentials: SMTPCredentials? = nil, insecureAuth: Bool = false,
                         recipients: [String] = ["a@x.test"]) -> SMTPSessionStateMachine {
        SMTPSessionStateMachine(
            settings: .init(heloName: "client.test", tlsMode: tls, credentials: credentials, allowsInsecureAuthentication: insecureAuth),
            envelope: SMTPEnvelope(sender: "from@x.test", recipients: recipients, content: Self.content))
    }

    private func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines.isEmpty ? ["ok"] : lines) }

    /// Runs greeting and EHLO (with `extensions`) and returns the action after EHLO.
    private func greet(_ machine: inout SMTPSessionStateMachine, extensions: [String] = ["SIZE 100000"]) -> Action {
        #expect(machine.replyReceived(reply(220, "mx.test ESMTP")) == .send(.ehlo("client.test")))
        return machine.replyReceived(SMTPReply(code: 250, lines: ["mx.test"] + extensions))
    }

    private func failure(_ action: Action) -> SMTPError? {
        switch action {
        case .failAndQuit(let error), .failAndClose(let error): error
        default: nil
        }
    }

    @Test func happyPathWithSizeAndTwoRecipients() {
        var m = machine(recipients: ["a@x.test", "b@x.test"])
        #expect(greet(&m) == .send(.mailFrom("from@x.test", size: Self.content.readableBytes)))
        #expect(m.replyReceived(reply(250)) == .send(.rcptTo("a@x.test")))
        #expect(m.replyReceived(reply(250)) == .send(.rcptTo("b@x.test")))
        #expect(m.replyReceived(reply(251, "will forward")) == .send(.data))
        #expect(m.replyReceived(reply(354)) == .send(.messageContent(Self.content)))
        let accepted = reply(250, "2.0.0 queued as 7")
        #expect(m.replyReceived(accepted) == .succeedAndQuit(SMTPDeliveryReport(
            acceptedRecipients: ["a@x.test", "b@x.test"], rejectedRecipients: [], serverReply: accepted)))
        #expect(m.isFinished)
        #expect(m.replyReceived(reply(221)) == .close)
        #expect(m.connectionClosed() == .none)
    }

    @Test func withoutSizeExtensionMailFromHasNoSize() {
        var m = machine()
        #expect(greet(&m, extensions: []) == .send(.mailFrom("from@x.test", size: nil)))
    }

    @Test func messageOverAdvertisedSizeIsPermanentBeforeMailFrom() {
        var m = machine()
        let error = failure(greet(&m, extensions: ["SIZE 10"]))
        #expect(error?.code == .messageTooLarge)
        #expect(error?.isTransient == false)
    }

    @Test func ehloRefusedFallsBackToHELO() {
        var m = machine()
        #expect(m.replyReceived(reply(220)) == .send(.ehlo("client.test")))
        #expect(m.replyReceived(reply(502, "5.5.1 command not implemented")) == .send(.helo("client.test")))
        #expect(m.replyReceived(reply(250)) == .send(.mailFrom("from@x.test", size: nil)))
    }

    @Test func startTLSThenEHLOAgainThenAuthPlain() {
        let credentials = SMTPCredentials(username: "u", password: "p")
        var m = machine(tls: .startTLS, credentials: credentials)
        #expect(greet(&m, extensions: ["STARTTLS", "AUTH PLAIN LOGIN"]) == .send(.startTLS))
        #expect(m.replyReceived(reply(220, "2.0.0 go ahead")) == .startTLSHandshake)
        #expect(m.tlsHandshakeCompleted() == .send(.ehlo("client.test")))
        #expect(m.isSecured)
        #expect(m.replyReceived(SMTPReply(code: 250, lines: ["mx.test", "AUTH PLAIN LOGIN"])) == .send(.authPlain(username: "u", password: "p")))
        #expect(m.replyReceived(reply(235, "2.7.0 ok")) == .send(.mailFrom("from@x.test", size: nil)))
    }

    @Test func authLoginExchangesBase64UsernameAndPassword() {
        var m = machine(credentials: SMTPCredentials(username: "user", password: "pass"), insecureAuth: true)
        #expect(greet(&m, extensions: ["AUTH LOGIN"]) == .send(.authLogin))
        #expect(m.replyReceived(reply(334, "VXNlcm5hbWU6")) == .send(.authResponse("dXNlcg==")))
        #expect(m.replyReceived(reply(334, "UGFzc3dvcmQ6")) == .send(.authResponse("cGFzcw==")))
        #expect(m.replyReceived(reply(235)) == .send(.mailFrom("from@x.test", size: nil)))
    }

    @Test func requiredTLSWithoutStartTLSIsPermanent() {
        var m = machine(tls: .startTLS)
        let action = greet(&m, extensions: [])
        #expect(failure(action)?.code == .startTLSUnavailable)
        #expect(failure(action)?.isTransient == false)
        guard case .failAndQuit = action else { Issue.record("expected QUIT after refusing"); return }
    }

    @Test func requiredTLSRefusedByServerFollowsReplyClass() {
        var m = machine(tls: .startTLS)
        #expect(greet(&m, extensions: ["STARTTLS"]) == .send(.startTLS))
        let error = failure(m.replyReceived(reply(454, "4.7.0 TLS not available")))
        #expect(error?.code == .startTLSUnavailable)
        #expect(error?.isTransient == true)
    }

    @Test func opportunisticTLSGoesOnInPlainTextWhenAbsentOrRefused() {
        var absent = machine(tls: .startTLSIfAvailable)
        #expect(greet(&absent, extensions: []) == .send(.mailFrom("from@x.test", size: nil)))
        var refused = machine(tls: .startTLSIfAvailable)
        #expect(greet(&refused, extensions: ["STARTTLS"]) == .send(.startTLS))
        #expect(refused.replyReceived(reply(454)) == .send(.mailFrom("from@x.test", size: nil)))
        #expect(!refused.isSecured)
    }

    @Test func tlsHandshakeErrorIsPermanentTLSFailure() {
        var m = machine(tls: .startTLS)
        _ = greet(&m, extensions: ["STARTTLS"])
        #expect(m.replyReceived(reply(220)) == .startTLSHandshake)
        let error = failure(m.errorCaught("certificate verify failed"))
        #expect(error?.code == .tlsFailed)
        #expect(error?.isTransient == false)
    }

    @Test func credentialsAreNotSentInPlainText() {
        var m = machine(credentials: SMTPCredentials(username: "u", password: "p"))
        let error = failure(greet(&m, extensions: ["AUTH PLAIN"]))
        #expect(error?.code == .authenticationUnavailable)
    }

    @Test func noCommonAuthMechanismIsPermanent() {
        var m = machine(credentials: SMTPCredentials(username: "u", password: "p"), insecureAuth: true)
        let error = failure(greet(&m, extensions: ["AUTH CRAM-MD5"]))
        #expect(error?.code == .authenticationUnavailable)
        #expect(error?.isTransient == false)
    }

    @Test(arguments: [(535, false), (454, true)])
    func authenticationRefusal(code: Int, transient: Bool) {
        var m = machine(credentials: SMTPCredentials(username: "u", password: "p"), insecureAuth: true)
        _ = greet(&m, extensions: ["AUTH PLAIN"])
        let error = failure(m.replyReceived(reply(code)))
        #expect(error?.code == .authenticationFailed)
        #expect(error?.isTransient == transient)
        #expect(error?.replyCode == code)
    }

    @Test(arguments: [(554, false), (450, true)])
    func greetingRefusal(code: Int, transient: Bool) {
        var m = machine()
        let action = m.replyReceived(reply(code, "no service"))
        #expect(failure(action)?.code == .greetingRejected)
        #expect(failure(action)?.isTransient == transient)
    }

    @Test(arguments: [(550, false), (451, true)])
    func senderRefusal(code: Int, transient: Bool) {
        var m = machine()
        _ = greet(&m)
        let error = failure(m.replyReceived(reply(code, "\(code / 100).1.8 bad sender")))
        #expect(error?.code == .senderRejected)
        #expect(error?.isTransient == transient)
        #expect(error?.enhancedStatusCode?.statusClass == code / 100)
    }

    @Test func someRecipientsRefusedStillDeliversToTheRest() {
        var m = machine(recipients: ["gone@x.test", "a@x.test", "busy@x.test"])
        _ = greet(&m)
        #expect(m.replyReceived(reply(250)) == .send(.rcptTo("gone@x.test")))
        #expect(m.replyReceived(reply(550, "5.1.1 no such user")) == .send(.rcptTo("a@x.test")))
        #expect(m.replyReceived(reply(250)) == .send(.rcptTo("busy@x.test")))
        #expect(m.replyReceived(reply(452, "4.2.2 mailbox full")) == .send(.data))
        _ = m.replyReceived(reply(354))
        guard case .succeedAndQuit(let report) = m.replyReceived(reply(250)) else { Issue.record("expected success"); return }
        #expect(report.acceptedRecipients == ["a@x.test"])
        #expect(report.rejectedRecipients.map(\.recipient) == ["gone@x.test", "busy@x.test"])
        #expect(report.rejectedRecipients.map(\.isTransient) == [false, true])
    }

    @Test(arguments: [([550, 553], false), ([550, 450], true)])
    func allRecipientsRefused(codes: [Int], transient: Bool) {
        var m = machine(recipients: ["a@x.test", "b@x.test"])
        _ = greet(&m)
        _ = m.replyReceived(reply(250))
        _ = m.replyReceived(reply(codes[0]))
        let action = m.replyReceived(reply(codes[1]))
        #expect(failure(action)?.code == .recipientRejected)
        // Worth retrying only if some refusal was temporary.
        #expect(failure(action)?.isTransient == transient)
        guard case .failAndQuit = action else { Issue.record("expected QUIT"); return }
    }

    @Test(arguments: [(554, false), (451, true)])
    func dataRefusal(code: Int, transient: Bool) {
        var m = machine()
        _ = greet(&m)
        _ = m.replyReceived(reply(250))
        _ = m.replyReceived(reply(250))
        let error = failure(m.replyReceived(reply(code)))
        #expect(error?.code == .messageRejected)
        #expect(error?.isTransient == transient)
    }

    @Test(arguments: [(552, false), (452, true)])
    func contentRefusal(code: Int, transient: Bool) {
        var m = machine()
        _ = greet(&m)
        for code in [250, 250, 354] { _ = m.replyReceived(reply(code)) }
        let error = failure(m.replyReceived(reply(code)))
        #expect(error?.code == .messageRejected)
        #expect(error?.isTransient == transient)
    }

    @Test func serviceClosing421AnywhereIsTransientAndCloses() {
        var m = machine()
        _ = greet(&m)
        let action = m.replyReceived(reply(421, "4.3.2 shutting down"))
        guard case .failAndClose(let error) = action else { Issue.record("expected close"); return }
        #expect(error.code == .connectionClosed)
        #expect(error.isTransient)
    }

    @Test func timeoutIsTransient() {
        var m = machine()
        _ = greet(&m)
        let error = failure(m.timedOut())
        #expect(error?.code == .timeout)
        #expect(error?.isTransient == true)
        #expect(m.timedOut() == .close)
    }

    @Test func connectionDropIsTransientUntilTheMessageIsAccepted() {
        var m = machine()
        _ = greet(&m)
        for code in [250, 250, 354] { _ = m.replyReceived(reply(code)) }
        let error = failure(m.connectionClosed())
        #expect(error?.code == .connectionClosed)
        #expect(error?.isTransient == true)

        var delivered = machine()
        _ = greet(&delivered)
        for code in [250, 250, 354, 250] { _ = delivered.replyReceived(reply(code)) }
        #expect(delivered.connectionClosed() == .none)
    }

    @Test func unexpectedReplyIsAProtocolViolationAndCloses() {
        var m = machine()
        _ = greet(&m)
        _ = m.replyReceived(reply(250))
        _ = m.replyReceived(reply(250))
        let action = m.replyReceived(reply(250))  // 250 where DATA needs 354
        guard case .failAndClose(let error) = action else { Issue.record("expected close"); return }
        #expect(error.code == .protocolViolation)
        #expect(error.isTransient == false)
    }

    @Test func decoderErrorIsReported() {
        var m = machine()
        let action = m.protocolError(SMTPError(code: .protocolViolation, message: "garbage"))
        #expect(failure(action)?.code == .protocolViolation)
    }
}

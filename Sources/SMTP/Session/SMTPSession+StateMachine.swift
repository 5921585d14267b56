/// The client side of one SMTP session, from greeting to QUIT, as a pure value:
/// events go in, `Action`s come out, and no I/O happens here, so every path is unit-tested.
public struct SMTPSessionStateMachine: Sendable {
    /// What the session needs to know besides the envelope.
    public struct Settings: Sendable, Hashable {
        /// The name sent with EHLO/HELO.
        public var heloName: String
        /// Whether to upgrade with STARTTLS.
        public var tlsMode: SMTPTLSMode
        /// Credentials for AUTH, nil to send without authenticating.
        public var credentials: SMTPCredentials?
        /// Allow AUTH on an unencrypted connection (local test servers only).
        public var allowsInsecureAuthentication: Bool

        /// Settings.
        public init(heloName: String, tlsMode: SMTPTLSMode, credentials: SMTPCredentials? = nil, allowsInsecureAuthentication: Bool = false) {
            self.heloName = heloName
            self.tlsMode = tlsMode
            self.credentials = credentials
            self.allowsInsecureAuthentication = allowsInsecureAuthentication
        }
    }

    /// What the channel handler must do next.
    public enum Action: Sendable, Hashable {
        /// Nothing yet; wait for the next event.
        case none
        /// Write this command and wait for its reply.
        case send(SMTPCommand)
        /// Put TLS in front of the pipeline and report `tlsHandshakeCompleted()`.
        case startTLSHandshake
        /// The message was accepted: report success, then send QUIT.
        case succeedAndQuit(SMTPDeliveryReport)
        /// Report this failure, then send QUIT (the server is in a state that still understands it).
        case failAndQuit(SMTPError)
        /// Report this failure and close the connection at once.
        case failAndClose(SMTPError)
        /// The session is over: close the connection.
        case close
    }

    /// Where the session is.
    enum State: Sendable, Hashable {
        case awaitingGreeting
        case awaitingEHLO(secured: Bool)
        case awaitingHELO
        case awaitingStartTLS
        case tlsHandshaking
        case authenticating(AuthenticationStep, secured: Bool)
        case awaitingMailFrom
        case awaitingRcpt(index: Int, Recipients)
        case awaitingDataGo(Recipients)
        case awaitingDataResult(Recipients)
        case quitting
        case finished
    }

    /// The AUTH exchange in progress.
    enum AuthenticationStep: Sendable, Hashable {
        case plain
        case loginStarted
        case loginUsernameSent
        case loginPasswordSent
    }

    /// RCPT outcomes so far.
    struct Recipients: Sendable, Hashable {
        var accepted: [String] = []
        var rejected: [SMTPError] = []
    }

    /// The session's settings.
    public let settings: Settings
    /// What is being delivered.
    public let envelope: SMTPEnvelope
    /// What the server's last EHLO offered.
    public private(set) var capabilities = SMTPCapabilities()
    private(set) var state: State = .awaitingGreeting
    /// Whether the connection is encrypted now.
    public private(set) var isSecured = false

    /// A session waiting for the server's greeting.
    public init(settings: Settings, envelope: SMTPEnvelope) {
        self.settings = settings
        self.envelope = envelope
    }

    /// Whether a result was reported (success or failure); later events only tidy up.
    public var isFinished: Bool { state == .quitting || state == .finished }

    /// The server sent a complete reply.
    public mutating func replyReceived(_ reply: SMTPReply) -> Action {
        // 421 may come at any step: the server is shutting the channel (RFC 5321 §3.8).
        if reply.code == 421, !isFinished {
            return finish(.failAndClose(SMTPError(code: .connectionClosed, message: "server is closing the connection", isTransient: true, reply: reply)))
        }
        switch state {
        case .awaitingGreeting:
            guard reply.code == 220 else { return failOnReply(reply, code: .greetingRejected, "greeting") }
            return sendEHLO(secured: false)

        case .awaitingEHLO(let secured):
            if reply.isPositiveCompletion {
                capabilities = SMTPCapabilities(ehloReply: reply)
                return afterGreetingExchange(secured: secured)
            }
            // Old servers refuse EHLO with 5xx; HELO still works for them (RFC 5321 §3.2).
            if reply.isPermanentFailure, !secured {
                state = .awaitingHELO
                return .send(.helo(settings.heloName))
            }
            return failOnReply(reply, code: .heloRejected, "EHLO")

        case .awaitingHELO:
            guard reply.isPositiveCompletion else { return failOnReply(reply, code: .heloRejected, "HELO") }
            capabilities = SMTPCapabilities()
            return afterGreetingExchange(secured: false)

        case .awaitingStartTLS:
            if reply.code == 220 {
                state = .tlsHandshaking
                return .startTLSHandshake
            }
            if settings.tlsMode == .startTLSIfAvailable, reply.isTransientFailure || reply.isPermanentFailure {
                return afterSecurityDecision(secured: false)
            }
            return failOnReply(reply, code: .startTLSUnavailable, "STARTTLS")

        case .authenticating(let step, let secured):
            return authenticationReply(reply, step: step, secured: secured)

        case .awaitingMailFrom:
            guard reply.isPositiveCompletion else { return failOnReply(reply, code: .senderRejected, "MAIL FROM") }
            return nextRecipient(index: 0, Recipients())

        case .awaitingRcpt(let index, var recipients):
            let address = envelope.recipients[index]
            if reply.isPositiveCompletion {
                recipients.accepted.append(address)
            } else if reply.isTransientFailure || reply.isPermanentFailure {
                recipients.rejected.append(SMTPError(code: .recipientRejected, message: "RCPT TO <\(address)> refused", reply: reply, recipient: address))
            } else {
                return unexpected(reply, "RCPT TO")
            }
            return nextRecipient(index: index + 1, recipients)

        case .awaitingDataGo(let recipients):
            guard reply.code == 354 else { return failOnReply(reply, code: .messageRejected, "DATA") }
            state = .awaitingDataResult(recipients)
            return .send(.messageContent(envelope.content))

        case .awaitingDataResult(let recipients):
            guard reply.isPositiveCompletion else { return failOnReply(reply, code: .messageRejected, "message content") }
            state = .quitting
            return .succeedAndQuit(SMTPDeliveryReport(acceptedRecipients: recipients.accepted, rejectedRecipients: recipients.rejected, serverReply: reply))

        case .quitting:
            state = .finished
            return .close

        case .tlsHandshaking, .finished:
            // Bytes during the handshake are TLS's business; after the end they are ignored.
            return isFinished ? .none : unexpected(reply, "TLS handshake")
        }
    }

    /// The TLS handshake after STARTTLS finished: greet again, as the old capabilities no longer count (RFC 3207 §4.2).
    public mutating func tlsHandshakeCompleted() -> Action {
        guard state == .tlsHandshaking else { return .none }
        isSecured = true
        capabilities = SMTPCapabilities()
        return sendEHLO(secured: true)
    }

    /// An error came up the pipeline: during the TLS handshake it is the handshake's failure
    /// (a certificate will not fix itself), otherwise the connection broke (worth retrying).
    public mutating func errorCaught(_ description: String) -> Action {
        guard !isFinished else { state = .finished; return .close }
        if state == .tlsHandshaking {
            return finish(.failAndClose(SMTPError(code: .tlsFailed, message: "TLS handshake failed: \(description)", isTransient: false)))
        }
        return finish(.failAndClose(SMTPError(code: .connectionClosed, message: "connection failed during \(stepDescription): \(description)")))
    }

    /// The server took longer than the configured timeout to reply.
    public mutating func timedOut() -> Action {
        guard !isFinished else { state = .finished; return .close }
        return finish(.failAndClose(SMTPError(code: .timeout, message: "no reply from the server in time (\(stepDescription))")))
    }

    /// The connection closed or failed under us.
    public mutating func connectionClosed(_ reason: String? = nil) -> Action {
        guard !isFinished else { state = .finished; return .none }
        let detail = reason.map { ": \($0)" } ?? ""
        return finish(.failAndClose(SMTPError(code: .connectionClosed, message: "connection closed during \(stepDescription)\(detail)")))
    }

    /// The bytes from the server are not SMTP.
    public mutating func protocolError(_ error: SMTPError) -> Action {
        guard !isFinished else { state = .finished; return .close }
        return finish(.failAndClose(error))
    }

    // MARK: - Steps

    private mutating func sendEHLO(secured: Bool) -> Action {
        state = .awaitingEHLO(secured: secured)
        return .send(.ehlo(settings.heloName))
    }

    /// After EHLO/HELO on a plain connection: upgrade when asked to, else go on.
    private mutating func afterGreetingExchange(secured: Bool) -> Action {
        guard !secured else { return afterSecurityDecision(secured: true) }
        switch settings.tlsMode {
        case .none:
            return afterSecurityDecision(secured: false)
        case .startTLS, .startTLSIfAvailable:
            if capabilities.supportsStartTLS {
                state = .awaitingStartTLS
                return .send(.startTLS)
            }
            if settings.tlsMode == .startTLSIfAvailable { return afterSecurityDecision(secured: false) }
            return finish(.failAndQuit(SMTPError(code: .startTLSUnavailable, message: "TLS is required but the server does not offer STARTTLS", isTransient: false)))
        }
    }

    /// TLS settled: authenticate when credentials are set, then the envelope.
    private mutating func afterSecurityDecision(secured: Bool) -> Action {
        guard let credentials = settings.credentials else { return sendMailFrom() }
        guard secured || settings.allowsInsecureAuthentication else {
            return finish(.failAndQuit(SMTPError(code: .authenticationUnavailable, message: "refusing to send credentials over an unencrypted connection", isTransient: false)))
        }
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            state = .authenticating(.plain, secured: secured)
            return .send(.authPlain(username: credentials.username, password: credentials.password))
        }
        if mechanisms.contains("LOGIN") {
            state = .authenticating(.loginStarted, secured: secured)
            return .send(.authLogin)
        }
        return finish(.failAndQuit(SMTPError(code: .authenticationUnavailable, message: "server offers no AUTH mechanism we speak (offered: \(mechanisms.joined(separator: " ")))", isTransient: false)))
    }

    private mutating func authenticationReply(_ reply: SMTPReply, step: AuthenticationStep, secured: Bool) -> Action {
        guard let credentials = settings.credentials else { return unexpected(reply, "AUTH") }
        if reply.isTransientFailure || reply.isPermanentFailure {
            return failOnReply(reply, code: .authenticationFailed, "AUTH")
        }
        switch (step, reply.code) {
        case (.plain, 235), (.loginPasswordSent, 235):
            return sendMailFrom()
        case (.loginStarted, 334):
            state = .authenticating(.loginUsernameSent, secured: secured)
            return .send(.authResponse(Base64.encode(Array(credentials.username.utf8))))
        case (.loginUsernameSent, 334):
            state = .authenticating(.loginPasswordSent, secured: secured)
            return .send(.authResponse(Base64.encode(Array(credentials.password.utf8))))
        default:
            return unexpected(reply, "AUTH")
        }
    }

    private mutating func sendMailFrom() -> Action {
        let size = envelope.content.readableBytes
        if let limit = capabilities.maximumMessageSize, size > limit {
            return finish(.failAndQuit(SMTPError(code: .messageTooLarge, message: "message is \(size) bytes, the server accepts at most \(limit)", isTransient: false)))
        }
        state = .awaitingMailFrom
        return .send(.mailFrom(envelope.sender, size: capabilities.supportsSize ? size : nil))
    }

    private mutating func nextRecipient(index: Int, _ recipients: Recipients) -> Action {
        if index < envelope.recipients.count {
            state = .awaitingRcpt(index: index, recipients)
            return .send(.rcptTo(envelope.recipients[index]))
        }
        guard !recipients.accepted.isEmpty else {
            // Worth retrying only when some refusal was temporary.
            var error = recipients.rejected.first ?? SMTPError(code: .invalidMessage, message: "no recipients", isTransient: false)
            error.message = "every recipient was refused: " + recipients.rejected.map { $0.recipient ?? "?" }.joined(separator: ", ")
            error.isTransient = recipients.rejected.contains { $0.isTransient }
            return finish(.failAndQuit(error))
        }
        state = .awaitingDataGo(recipients)
        return .send(.data)
    }

    // MARK: - Failures

    /// A refusal: 4xx is transient, 5xx permanent; anything else is out of sequence.
    private mutating func failOnReply(_ reply: SMTPReply, code: SMTPError.Code, _ step: String) -> Action {
        guard reply.isTransientFailure || reply.isPermanentFailure else { return unexpected(reply, step) }
        return finish(.failAndQuit(SMTPError(code: code, message: "\(step) refused", reply: reply)))
    }

    /// A reply that makes no sense at this step: the two sides disagree on the state, so stop talking.
    private mutating func unexpected(_ reply: SMTPReply, _ step: String) -> Action {
        finish(.failAndClose(SMTPError(code: .protocolViolation, message: "unexpected reply to \(step)", isTransient: false, reply: reply)))
    }

    private mutating func finish(_ action: Action) -> Action {
        if case .failAndQuit = action { state = .quitting } else { state = .finished }
        return action
    }

    private var stepDescription: String {
        switch state {
        case .awaitingGreeting: "greeting"
        case .awaitingEHLO: "EHLO"
        case .awaitingHELO: "HELO"
        case .awaitingStartTLS, .tlsHandshaking: "STARTTLS"
        case .authenticating: "AUTH"
        case .awaitingMailFrom: "MAIL FROM"
        case .awaitingRcpt: "RCPT TO"
        case .awaitingDataGo: "DATA"
        case .awaitingDataResult: "message content"
        case .quitting, .finished: "QUIT"
        }
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends email over SMTP: one connection per message, STARTTLS and AUTH as configured.
/// Failures are thrown as `SMTPError`, whose `isTransient` tells `SMTPRetryPolicy` whether to try again.
public struct SMTPClient: Sendable {
    /// The server and session settings.
    public let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// A client; it holds no connection between sends.
    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "mercato.smtp")) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Renders `message` (Date, Message-ID, MIME) and delivers it to every to/cc/bcc recipient.
    public func send(_ message: EmailMessage) async throws -> SMTPDeliveryReport {
        let messageID = message.messageID ?? message.generatedMessageID()
        let bytes = try message.rendered(date: message.date ?? Date(), messageID: messageID)
        let envelope = SMTPEnvelope(sender: message.envelopeSender ?? message.from.address,
                                    recipients: message.envelopeRecipients,
                                    content: SMTPMessageContent.encode(bytes))
        var report = try await send(envelope: envelope)
        report.messageID = messageID
        return report
    }

    /// Delivers an already-encoded envelope (see `SMTPMessageContent.encode`).
    public func send(envelope: SMTPEnvelope) async throws -> SMTPDeliveryReport {
        let eventLoop = eventLoopGroup.next()
        let promise = eventLoop.makePromise(of: SMTPDeliveryReport.self)
        let settings = configuration.sessionSettings
        let commandTimeout = TimeAmount(configuration.commandTimeout)
        let dataTimeout = TimeAmount(configuration.dataTimeout)
        let logger = logger
        let sslContext = try makeSSLContextIfNeeded()
        let serverHostname = configuration.tlsServerHostname ?? configuration.host

        let channel: Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = SMTPClientHandler(
                            stateMachine: SMTPSessionStateMachine(settings: settings, envelope: envelope), promise: promise,
                            commandTimeout: commandTimeout, dataTimeout: dataTimeout,
                            installTLS: { channel in
                                guard let sslContext else { throw SMTPError(code: .tlsFailed, message: "no TLS context", isTransient: false) }
                                let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
                                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
                            },
                            logger: logger)
                        try channel.pipeline.syncOperations.addHandlers(
                            ByteToMessageHandler(SMTPReplyDecoder()), MessageToByteHandler(SMTPCommandEncoder()), handler)
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            let failure = SMTPError(code: .connectionFailed, message: "cannot connect to \(configuration.host):\(configuration.port): \(error)")
            // The handler may never have been added; the promise must still be completed.
            promise.fail(failure)
            throw failure
        }
        do {
            let report = try await promise.futureResult.get()
            // QUIT's reply (or its timeout) closes the channel; waiting keeps no connection behind the caller's back.
            try? await channel.closeFuture.get()
            return report
        } catch {
            try? await channel.closeFuture.get()
            throw error
        }
    }

    /// The TLS context when STARTTLS may be used; built per send (cheap next to a TCP and TLS handshake).
    private func makeSSLContextIfNeeded() throws -> NIOSSLContext? {
        guard configuration.tlsMode != .none else { return nil }
        do {
            return try NIOSSLContext(configuration: configuration.tlsConfiguration)
        } catch {
            throw SMTPError(code: .tlsFailed, message: "invalid TLS configuration: \(error)", isTransient: false)
        }
    }
}

extension TimeAmount {
    /// A Swift `Duration` as NIO's nanosecond amount.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

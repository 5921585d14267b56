import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Carries out the session state machine's actions on a channel: writes commands, installs TLS,
/// arms timeouts and completes the send's promise. It decides nothing itself.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundOut = SMTPCommand

    /// Puts TLS in front of the pipeline after `220` to STARTTLS; injected so the fake-server tests can stand in for it.
    typealias TLSInstaller = (Channel) throws -> Void

    private var stateMachine: SMTPSessionStateMachine
    private let promise: EventLoopPromise<SMTPDeliveryReport>
    private let commandTimeout: TimeAmount
    private let dataTimeout: TimeAmount
    private let installTLS: TLSInstaller
    private let logger: Logger
    private var pendingTimeout: Scheduled<Void>?

    init(stateMachine: SMTPSessionStateMachine, promise: EventLoopPromise<SMTPDeliveryReport>,
         commandTimeout: TimeAmount, dataTimeout: TimeAmount, installTLS: @escaping TLSInstaller, logger: Logger) {
        self.stateMachine = stateMachine
        self.promise = promise
        self.commandTimeout = commandTimeout
        self.dataTimeout = dataTimeout
        self.installTLS = installTLS
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armTimeout(context: context, commandTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        // The greeting is bounded like any reply.
        armTimeout(context: context, commandTimeout)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        logger.debug("smtp reply", metadata: ["code": "\(reply.code)", "text": "\(reply.lines.first ?? "")"])
        cancelTimeout()
        perform(stateMachine.replyReceived(reply), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            cancelTimeout()
            perform(stateMachine.tlsHandshakeCompleted(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        cancelTimeout()
        if let error = error as? SMTPError {
            perform(stateMachine.protocolError(error), context: context)
        } else {
            perform(stateMachine.errorCaught(String(describing: error)), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimeout()
        perform(stateMachine.connectionClosed(), context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimeout()
        // A promise must never be dropped: a pipeline torn down early still ends the send.
        promise.fail(SMTPError(code: .connectionClosed, message: "connection closed before the session ended"))
    }

    private func perform(_ action: SMTPSessionStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .send(let command):
            write(command, context: context)
        case .startTLSHandshake:
            do {
                try installTLS(context.channel)
                armTimeout(context: context, commandTimeout)
            } catch {
                perform(stateMachine.errorCaught(String(describing: error)), context: context)
            }
        case .succeedAndQuit(let report):
            promise.succeed(report)
            write(.quit, context: context)
        case .failAndQuit(let error):
            logger.debug("smtp send failed", metadata: ["error": "\(error)"])
            promise.fail(error)
            write(.quit, context: context)
        case .failAndClose(let error):
            logger.debug("smtp send failed", metadata: ["error": "\(error)"])
            promise.fail(error)
            context.close(promise: nil)
        case .close:
            context.close(promise: nil)
        }
    }

    private func write(_ command: SMTPCommand, context: ChannelHandlerContext) {
        logger.debug("smtp command", metadata: ["command": "\(command)"])
        context.writeAndFlush(wrapOutboundOut(command), promise: nil)
        if case .messageContent = command {
            armTimeout(context: context, dataTimeout)
        } else {
            armTimeout(context: context, commandTimeout)
        }
    }

    private func armTimeout(context: ChannelHandlerContext, _ amount: TimeAmount) {
        cancelTimeout()
        pendingTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: amount) { [weak self] in
            guard let self else { return }
            self.pendingTimeout = nil
            self.perform(self.stateMachine.timedOut(), context: context)
        }
    }

    private func cancelTimeout() {
        pendingTimeout?.cancel()
        pendingTimeout = nil
    }
}

@available(*, unavailable)
extension SMTPClientHandler: Sendable {}

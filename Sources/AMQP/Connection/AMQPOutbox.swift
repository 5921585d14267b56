import NIOCore
import Synchronization

/// Commands for one NIO channel from any thread, written in order and flushed once per event-loop turn:
/// the publishes (and acks) issued while the loop is busy go out together in one write.
final class AMQPOutbox: Sendable {
    /// The NIO channel the commands are written to.
    let channel: any Channel
    private let queue = Mutex<(commands: [AMQPCommand], scheduled: Bool)>(([], false))

    init(channel: any Channel) { self.channel = channel }

    /// Queues `command`; the first command after a drain schedules the next one.
    func send(_ command: AMQPCommand) {
        let schedule = queue.withLock { queue in
            queue.commands.append(command)
            defer { queue.scheduled = true }
            return !queue.scheduled
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    /// On the event loop: writes everything queued so far, then flushes once.
    private func drain() {
        var commands: [AMQPCommand] = []
        queue.withLock { queue in
            swap(&commands, &queue.commands)
            queue.scheduled = false  // In the same lock as the swap: later commands schedule a drain after this one.
        }
        let failure = AMQPError.connectionClosed("the command was not sent: the connection is closed")
        for command in commands {
            let written = channel.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenFailure { _ in command.fail(failure) }
            channel.write(command, promise: written)
        }
        channel.flush()
    }
}

extension AMQPCommand {
    /// Fails the promise the command carries (it never reached the handler).
    func fail(_ error: AMQPError) {
        switch self {
        case .openChannel(_, let promise), .closeChannel(_, let promise): promise.fail(error)
        case .call(_, _, let promise), .consume(_, _, _, _, let promise): promise.fail(error)
        case .send(_, _, let promise), .publish(_, _, _, _, _, _, let promise), .publishBatch(_, _, let promise): promise?.fail(error)
        case .closeConnection: break
        }
    }
}

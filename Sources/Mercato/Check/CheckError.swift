import Foundation
import Resilience

/// `mercato check` could not read part of the stack; the message says what failed.
struct CheckError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// `operation`'s value, or a `CheckError` when `deadline` passes first (the operation is cancelled and not waited
    /// for: an AMQP handshake with a stopped broker ignores cancellation).
    static func within<T: Sendable>(_ deadline: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let value = try await withAbandoningTimeout(deadline, on: ContinuousClock(), operation: operation) else {
            throw CheckError("no answer within \(deadline.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
        }
        return value
    }

    /// A one-line description of `error`, at most 300 characters.
    static func describe(_ error: any Error) -> String {
        let text = (error as? CheckError)?.description ?? String(describing: error)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}

import Contracts
import Foundation
import MercatoCore

/// The handlers a consuming service registers, one per event type it understands.
///
/// Each handler runs inside the database transaction that also claims the event in the inbox, so its
/// writes commit exactly once per event id; the delivery is acked only after that commit.
public struct EventHandlers: Sendable {
    /// A type-erased handler: decodes the body and applies it on the transaction's connection.
    struct Entry: Sendable {
        let routingKey: String
        let handle: @Sendable (_ body: Data, _ attempt: Int, _ connection: DatabaseConnection) async throws -> Void
    }

    private(set) var entries: [String: Entry] = [:]

    /// No handlers yet.
    public init() {}

    /// Handles events of `payload`'s type with `handler`; a second registration for the same type replaces the first.
    public mutating func on<Payload: EventPayload>(
        _ payload: Payload.Type,
        _ handler: @escaping @Sendable (ReceivedEvent<Payload>, DatabaseConnection) async throws -> Void
    ) {
        entries[Payload.eventType] = Entry(routingKey: Payload.routingKey) { body, attempt, connection in
            let envelope: EventEnvelope<Payload>
            do {
                envelope = try EventCoding.decoder().decode(EventEnvelope<Payload>.self, from: body)
            } catch {
                throw PermanentEventFailure("malformed \(Payload.eventType) payload: \(EventDecodingProblem.describe(error))")
            }
            try await handler(ReceivedEvent(envelope: envelope, attempt: attempt), connection)
        }
    }

    /// The CloudEvents types with a handler.
    public var eventTypes: [String] { entries.keys.sorted() }

    /// The routing keys to bind the service's queue to.
    public var routingKeys: [String] { entries.values.map(\.routingKey).sorted() }

    /// The handler for `eventType`, if any.
    func entry(for eventType: String) -> Entry? { entries[eventType] }
}

/// A short, internals-free description of why a body did not decode.
enum EventDecodingProblem {
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "not valid JSON" }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default: return "undecodable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

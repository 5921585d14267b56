import Contracts
import Foundation
import MercatoCore

/// What applying one delivered event achieved.
public enum EventApplication: Sendable, Equatable {
    /// The handler ran and its writes committed with the inbox claim.
    case applied
    /// The inbox already held the event id: a redelivery, nothing done.
    case duplicate
}

/// The fields every envelope has, read before the typed payload is known.
struct EnvelopeHeader: Decodable {
    var id: UUID
    var type: String
}

extension EventHandlers {
    /// Applies one delivered event for `consumer`: in one transaction, claims its id in the inbox and runs the
    /// handler for its type. Throws `PermanentEventFailure` for a body that is not an envelope, an event type
    /// without a handler, or a payload that does not decode; any other error is the handler's and is transient.
    public func apply(body: Data, attempt: Int, consumer: String, database: Database) async throws -> EventApplication {
        let header: EnvelopeHeader
        do {
            header = try EventCoding.decoder().decode(EnvelopeHeader.self, from: body)
        } catch {
            throw PermanentEventFailure("not a CloudEvents envelope: \(EventDecodingProblem.describe(error))")
        }
        guard let entry = entry(for: header.type) else {
            throw PermanentEventFailure("no handler for event type \(header.type)")
        }
        return try await database.withTransaction { connection in
            guard try await Inbox.claim(eventID: header.id, eventType: header.type, consumer: consumer, on: connection) else {
                return .duplicate
            }
            try await entry.handle(body, attempt, connection)
            return .applied
        }
    }
}

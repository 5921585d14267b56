import Foundation
import MercatoCore
import Messaging
import Testing

/// The inbox makes a redelivered event a no-op, per consumer, and a rolled-back handler leaves no claim.
@Suite struct InboxTests {
    struct HandlerFailed: Error {}

    @Test func secondClaimOfAnEventIsRefused() async throws {
        try await withMessagingDatabase { database in
            let id = UUID()
            let first = try await database.withTransaction { try await Inbox.claim(eventID: id, eventType: "t", consumer: "notifications", on: $0) }
            let again = try await database.withTransaction { try await Inbox.claim(eventID: id, eventType: "t", consumer: "notifications", on: $0) }
            let other = try await database.withTransaction { try await Inbox.claim(eventID: id, eventType: "t", consumer: "orders", on: $0) }
            #expect(first)
            #expect(!again)
            #expect(other, "each consumer handles each event once")
        }
    }

    @Test func aRolledBackHandlerCanRetry() async throws {
        try await withMessagingDatabase { database in
            let id = UUID()
            await #expect(throws: HandlerFailed.self) {
                try await database.withTransaction { connection in
                    _ = try await Inbox.claim(eventID: id, eventType: "t", consumer: "c", on: connection)
                    throw HandlerFailed()
                }
            }
            let retried = try await database.withTransaction { try await Inbox.claim(eventID: id, eventType: "t", consumer: "c", on: $0) }
            #expect(retried)
        }
    }
}

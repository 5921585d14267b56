import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Testing

/// The queries behind the sent-events and inbox audits, against a real PostgreSQL (their HTTP side, tokens included,
/// is tested in the services that register them).
@Suite struct AuditRouteQueryTests {
    /// Every page of `read`, `limit` items a page.
    func allPages<Item: Codable & Sendable>(limit: Int, _ read: (AuditPageRequest) async throws -> AuditPage<Item>) async throws -> [[Item]] {
        var pages: [[Item]] = []
        var cursor: String?
        repeat {
            var query = ["limit": "\(limit)"]
            query["cursor"] = cursor
            let page = try await read(try AuditPageRequest(query: query))
            pages.append(page.items)
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 20
        return pages
    }

    @Test func sentEventsAppearOnceRelayedInPublishOrder() async throws {
        try await withMessagingDatabase { database in
            try await enqueueStockEvents(5, on: database)
            let route = OutboxAuditRoute(database: database, audience: "test")
            #expect(try await route.sentEvents(AuditPageRequest(query: [:])).items.isEmpty, "nothing sent yet")
            let publisher = RecordingPublisher()
            try await relay(database, publisher).drain()
            let pages = try await allPages(limit: 2) { try await route.sentEvents($0) }
            #expect(pages.map(\.count) == [2, 2, 1])
            #expect(pages.flatMap { $0 }.map(\.eventID) == publisher.all.map(\.eventID))
            #expect(pages.flatMap { $0 }.allSatisfy { $0.eventType == StockUpdated.eventType })
        }
    }

    @Test func inboxSummaryAndPagesCoverOnlyTheConsumer() async throws {
        try await withMessagingDatabase { database in
            let ids = (0..<3).map { _ in UUID() }
            for id in ids {
                _ = try await database.withTransaction { try await Inbox.claim(eventID: id, eventType: "mercato.a.x.v1", consumer: "mine", on: $0) }
            }
            _ = try await database.withTransaction { try await Inbox.claim(eventID: UUID(), eventType: "mercato.a.x.v1", consumer: "other", on: $0) }
            let route = InboxAuditRoute(database: database, audience: "test", consumer: "mine", eventTypes: ["mercato.b.y.v1", "mercato.a.x.v1"])
            let summary = try await route.summary()
            #expect(summary.consumer == "mine" && summary.received == 3 && summary.oldestReceivedAt != nil)
            #expect(summary.eventTypes == ["mercato.a.x.v1", "mercato.b.y.v1"])
            let pages = try await allPages(limit: 2) { try await route.page($0) }
            #expect(pages.map(\.count) == [2, 1])
            #expect(pages.flatMap { $0 }.map(\.eventID) == ids.sorted { $0.uuidString < $1.uuidString })

            let empty = try await InboxAuditRoute(database: database, audience: "test", consumer: "none", eventTypes: []).summary()
            #expect(empty.received == 0 && empty.oldestReceivedAt == nil)
        }
    }
}

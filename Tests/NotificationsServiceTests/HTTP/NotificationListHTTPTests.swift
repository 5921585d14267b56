import Contracts
import Foundation
import HTTPTypes
import MercatoTestSupport
import Testing
@testable import NotificationsService

/// `GET /api/v1/notifications`: the caller's in-app notifications, newest first, keyset-paginated.
@Suite struct NotificationListHTTPTests {
    /// Registers `user` with marketing opt-in, then sends `drops` price drops (each one in-app notification).
    static func seed(_ app: NotificationsTestApp, user: UUID, drops: Int) async throws {
        let start = Date()
        try await app.events.apply(EventBodies.registered(user), time: start)
        try await app.events.apply(EventBodies.updated(user, marketingOptIn: true), time: start.addingTimeInterval(1))
        for index in 0..<drops {
            try await app.events.apply(EventBodies.priceChanged(from: 1000, to: 900 - index, name: "Product \(index)"))
        }
    }

    @Test func listsOnlyTheCallersInAppNotificationsNewestFirst() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            let bob = UUID()
            try await Self.seed(app, user: ada, drops: 1)
            try await app.events.apply(EventBodies.registered(bob, email: "bob@example.test", name: "Bob"))
            let page = try await app.list(as: .user(ada))
            #expect(page.items.map(\.subject) == ["Price drop: Product 0 now 9.00 EUR", "Welcome to Mercato, Ada!"])
            #expect(page.items.allSatisfy { $0.channel == .inApp && $0.status == .delivered && $0.readAt == nil })
            #expect(page.nextCursor == nil)
            #expect(try await app.list(as: .user(bob)).items.map(\.subject) == ["Welcome to Mercato, Bob!"])
            #expect(try await app.list(as: .user(UUID())).items.isEmpty)
        }
    }

    @Test func pagesChainWithoutGapsOrRepeats() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await Self.seed(app, user: ada, drops: 4)
            var seen: [UUID] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.list(as: .user(ada), query: query)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 5 && Set(seen).count == 5)
            let all = try await app.list(as: .user(ada), query: "?limit=100")
            #expect(all.items.map(\.id) == seen, "pages concatenate to the full newest-first list")
        }
    }

    @Test func unreadFilterHidesReadNotifications() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await Self.seed(app, user: ada, drops: 2)
            let all = try await app.list(as: .user(ada))
            try await app.send(.post, "/api/v1/notifications/\(all.items[0].id)/read", as: .user(ada))
            let unread = try await app.list(as: .user(ada), query: "?unread=true")
            #expect(unread.items.map(\.id) == Array(all.items.dropFirst().map(\.id)))
            let firstUnreadPage = try await app.list(as: .user(ada), query: "?unread=true&limit=1")
            let cursor = try #require(firstUnreadPage.nextCursor)
            try await app.send(.get, "/api/v1/notifications?limit=1&cursor=\(cursor)", as: .user(ada)).expectProblem(.badRequest)
        }
    }

    @Test func malformedAndOversizedQueriesAreRefused() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            for (query, field) in [("limit=0", "limit"), ("limit=101", "limit"), ("limit=x", "limit"), ("unread=maybe", "unread"),
                                   ("userId=42", "userId")] {
                let problem = try await app.send(.get, "/api/v1/notifications?\(query)", as: .user(ada)).expectProblem(.unprocessableContent)
                #expect(problem.errors?.map(\.field) == [field])
            }
            try await app.send(.get, "/api/v1/notifications?cursor=garbage", as: .user(ada)).expectProblem(.badRequest)
            let huge = String(repeating: "A", count: 2000)
            try await app.send(.get, "/api/v1/notifications?cursor=\(huge)", as: .user(ada)).expectProblem(.badRequest)
        }
    }

    @Test func callersMustBeAuthenticatedUsers() async throws {
        try await NotificationsTestApp.run { app in
            let anonymous = try await app.send(.get, "/api/v1/notifications").expectProblem(.unauthorized)
            #expect(anonymous.type == "/problems/unauthorized")
            try await app.send(.get, "/api/v1/notifications", as: .token("Bearer not.a.token")).expectProblem(.unauthorized)
            let expired = "Bearer " + TestTokens.token(subject: UUID().uuidString, roles: [.customer], lifetime: -60)
            try await app.send(.get, "/api/v1/notifications", as: .token(expired)).expectProblem(.unauthorized)
            let notAUser = TestTokens.bearer(roles: [.customer], subject: "orders-service")
            try await app.send(.get, "/api/v1/notifications", as: .token(notAUser)).expectProblem(.forbidden)
        }
    }

    @Test func onlyAdminsListAnotherUsersNotifications() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await Self.seed(app, user: ada, drops: 0)
            try await app.send(.get, "/api/v1/notifications?userId=\(ada)", as: .user(UUID())).expectProblem(.forbidden)
            #expect(try await app.list(as: .user(ada), query: "?userId=\(ada)").items.count == 1, "one's own id is fine")
            #expect(try await app.list(as: .admin(UUID()), query: "?userId=\(ada)").items.map(\.subject) == ["Welcome to Mercato, Ada!"])
        }
    }
}

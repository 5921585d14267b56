import Foundation
import HTTPTypes
import MercatoTestSupport
import NIOCore
import Testing
@testable import NotificationsService

/// `POST /api/v1/notifications/{id}/read`.
@Suite struct ReadHTTPTests {
    @Test func markingReadIsIdempotent() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await app.events.apply(EventBodies.registered(ada))
            let id = try #require(try await app.list(as: .user(ada)).items.first?.id)
            let first = try await app.send(.post, "/api/v1/notifications/\(id)/read", as: .user(ada))
            #expect(first.status == .ok)
            let read = try first.decoded(NotificationRecord.self)
            #expect(read.id == id && read.status == .read && read.readAt != nil)
            try await Task.sleep(for: .milliseconds(20))
            let again = try await app.send(.post, "/api/v1/notifications/\(id)/read", as: .user(ada)).decoded(NotificationRecord.self)
            #expect(again == read, "the first read time stays")
            #expect(try await app.list(as: .user(ada)).items.first?.status == .read)
        }
    }

    @Test func othersAndUnknownAndEmailRowsAreNotFound() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await app.events.apply(EventBodies.registered(ada))
            let id = try #require(try await app.list(as: .user(ada)).items.first?.id)
            try await app.send(.post, "/api/v1/notifications/\(id)/read", as: .user(UUID())).expectProblem(.notFound)
            try await app.send(.post, "/api/v1/notifications/\(UUID())/read", as: .user(ada)).expectProblem(.notFound)
            let emailID = try #require(try await app.database.query("SELECT id FROM notifications WHERE channel = 'email'").first?.decode(UUID.self))
            try await app.send(.post, "/api/v1/notifications/\(emailID)/read", as: .user(ada)).expectProblem(.notFound)
            #expect(try await app.database.storedNotifications(of: ada).map(\.status) == ["delivered", "pending"], "nothing changed")
        }
    }

    @Test func malformedOversizedAndUnauthorizedRequestsAreRefused() async throws {
        try await NotificationsTestApp.run(bodyLimit: 64) { app in
            let ada = UUID()
            try await app.events.apply(EventBodies.registered(ada))
            let id = try #require(try await app.list(as: .user(ada)).items.first?.id)
            let malformed = try await app.send(.post, "/api/v1/notifications/not-a-uuid/read", as: .user(ada)).expectProblem(.unprocessableContent)
            #expect(malformed.errors?.map(\.field) == ["id"])
            try await app.send(.post, "/api/v1/notifications/\(id)/read", as: .user(ada), json: String(repeating: " ", count: 65))
                .expectProblem(.contentTooLarge)
            try await app.send(.post, "/api/v1/notifications/\(id)/read").expectProblem(.unauthorized)
            try await app.send(.put, "/api/v1/notifications/\(id)/read", as: .user(ada)).expectProblem(.methodNotAllowed)
            #expect(try await app.list(as: .user(ada)).items.first?.status == .delivered, "no refused request marked it read")
        }
    }
}

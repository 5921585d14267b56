import Contracts
import Foundation
import HTTPTypes
import MercatoTestSupport
import Testing
@testable import NotificationsService

/// `GET|PUT /api/v1/notifications/preferences`.
@Suite struct PreferencesHTTPTests {
    static let allOff = #"{"topics":{"account":false,"price_drop":false,"orders":false}}"#
    static let dropsOff = #"{"topics":{"account":true,"price_drop":false,"orders":true}}"#

    struct Body: Decodable, Equatable {
        var topics: TopicSwitches
        var channels: [String]?
        var marketing_opt_in: Bool?
        var locale: String?
    }

    @Test func defaultsBeforeAnythingIsKnown() async throws {
        try await NotificationsTestApp.run { app in
            let response = try await app.send(.get, "/api/v1/notifications/preferences", as: .user(UUID()))
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] == #""0""#)
            #expect(try response.decoded(Body.self) == Body(topics: .defaults, channels: nil, marketing_opt_in: nil, locale: nil))
            #expect(String(buffer: response.body).contains(#""channels":null"#), "unknown identity settings are explicit nulls")
        }
    }

    @Test func identitySettingsAreShownAndSwitchesReplaced() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await app.events.apply(EventBodies.updated(ada, channels: ["email", "push"], marketingOptIn: true, locale: "de"))
            let put = try await app.send(.put, "/api/v1/notifications/preferences", as: .user(ada), json: Self.dropsOff)
            #expect(put.status == .ok)
            #expect(put.headers[.eTag] == #""1""#)
            let expected = Body(topics: TopicSwitches(priceDrop: false), channels: ["email", "push"], marketing_opt_in: true, locale: "de")
            #expect(try put.decoded(Body.self) == expected)
            #expect(try await app.send(.get, "/api/v1/notifications/preferences", as: .user(ada)).decoded(Body.self) == expected)

            // The switch is what the price-drop fan-out reads.
            try await app.events.apply(EventBodies.priceChanged(from: 500, to: 400))
            #expect(try await app.database.storedNotifications(of: ada).isEmpty)
        }
    }

    @Test func ifMatchGuardsAgainstLostUpdates() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            let path = "/api/v1/notifications/preferences"
            let first = try await app.send(.put, path, as: .user(ada), json: Self.dropsOff, headers: [.ifMatch: #""0""#])
            #expect(first.status == .ok && first.headers[.eTag] == #""1""#)
            try await app.send(.put, path, as: .user(ada), json: Self.allOff, headers: [.ifMatch: #""0""#]).expectProblem(.preconditionFailed)
            try await app.send(.put, path, as: .user(ada), json: Self.allOff, headers: [.ifMatch: "version-1"]).expectProblem(.badRequest)
            let current = try await app.send(.get, path, as: .user(ada))
            #expect(current.headers[.eTag] == #""1""#)
            #expect(try current.decoded(Body.self).topics == TopicSwitches(priceDrop: false), "the refused changes wrote nothing")
            #expect(try await app.send(.put, path, as: .user(ada), json: Self.allOff, headers: [.ifMatch: #""1""#]).status == .ok)
        }
    }

    @Test func badBodiesAreRefusedWithoutWriting() async throws {
        try await NotificationsTestApp.run(bodyLimit: 256) { app in
            let ada = UUID()
            let path = "/api/v1/notifications/preferences"
            try await app.send(.put, path, as: .user(ada), json: #"{"topics":"#).expectProblem(.badRequest)
            try await app.send(.put, path, as: .user(ada), json: Self.allOff, contentType: "text/plain").expectProblem(.unsupportedMediaType)
            try await app.send(.put, path, as: .user(ada)).expectProblem(.unsupportedMediaType)
            let missing = try await app.send(.put, path, as: .user(ada), json: #"{"topics":{"account":false}}"#).expectProblem(.unprocessableContent)
            #expect(missing.errors?.first?.field == "topics.price_drop")
            let owned = try await app.send(.put, path, as: .user(ada),
                                           json: #"{"topics":{"account":true,"price_drop":true,"orders":true},"channels":["sms"]}"#)
                .expectProblem(.unprocessableContent)
            #expect(owned.errors?.first?.field == "channels")
            #expect(owned.errors?.first?.message.contains("owned by identity") == true)
            let padded = #"{"topics":{"account":false,"price_drop":false,"orders":false}}"# + String(repeating: " ", count: 300)
            try await app.send(.put, path, as: .user(ada), json: padded).expectProblem(.contentTooLarge)
            try await app.send(.put, path, json: Self.allOff).expectProblem(.unauthorized)
            try await app.send(.get, path).expectProblem(.unauthorized)
            let stored = try await app.database.query("SELECT count(*)::int FROM notification_preferences").first?.decode(Int.self)
            #expect(stored == 0, "no refused request wrote a row")
        }
    }

    @Test func aDeletedAccountCannotChangePreferences() async throws {
        try await NotificationsTestApp.run { app in
            let ada = UUID()
            try await app.events.apply(EventBodies.registered(ada))
            try await app.events.apply(UserDeleted(userID: ada), time: Date().addingTimeInterval(1))
            try await app.send(.put, "/api/v1/notifications/preferences", as: .user(ada), json: Self.allOff).expectProblem(.conflict)
            let stored = try await app.database.query("SELECT count(*)::int FROM notification_preferences").first?.decode(Int.self)
            #expect(stored == 0)
        }
    }
}

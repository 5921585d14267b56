import Foundation
import Hummingbird
import HummingbirdTesting
import MercatoTestSupport
import Testing

/// Registration, profile and preference changes and deletion are announced through the outbox in the
/// same transaction; a refused change announces nothing.
@Suite struct IdentityEventsTests {
    func outbox(_ database: String) async throws -> [String] {
        try await TestPostgres.psql("SELECT event_type FROM outbox ORDER BY seq", database: database)
            .split(separator: "\n").map(String.init)
    }

    @Test func userLifecycleIsAnnounced() async throws {
        try await IdentityTestApp.testWithDatabase { client, database in
            let baseline = try await outbox(database).count  // the seeded admin
            let (access, _) = try await client.customerTokens("eve@example.com")
            #expect(try await outbox(database).dropFirst(baseline) == ["mercato.identity.user-registered.v1"])

            let duplicate = try await client.register("EVE@example.com")
            #expect(duplicate.status == .conflict)
            #expect(try await outbox(database).count == baseline + 1)

            let patch = try await client.send(.patch, "/api/v1/users/me", json: #"{"name":"Eve Adams"}"#, token: access)
            #expect(patch.status == .ok)
            let preferences = try await client.send(.put, "/api/v1/users/me/preferences", json: """
                {"locale":"en-GB","currency":"GBP","notifications":{"email":true,"sms":false,"push":true},"marketing_opt_in":true}
                """, token: access)
            #expect(preferences.status == .ok, "\(String(buffer: preferences.body))")
            let me = try await client.send(.get, "/api/v1/users/me", token: access)
            let id = try #require(me.string("id"))
            let admin = try await client.adminToken()
            let delete = try await client.send(.delete, "/api/v1/users/\(id)", token: admin)
            #expect(delete.status == .noContent)

            #expect(try await outbox(database).dropFirst(baseline) == [
                "mercato.identity.user-registered.v1", "mercato.identity.user-updated.v1",
                "mercato.identity.user-updated.v1", "mercato.identity.user-deleted.v1",
            ])
            let updated = try await TestPostgres.psql(
                "SELECT body FROM outbox WHERE event_type LIKE '%user-updated%' ORDER BY seq DESC LIMIT 1", database: database)
            #expect(updated.contains(#""channels":["email","push"]"#))
            #expect(updated.contains(#""marketing_opt_in":true"#))
            #expect(updated.contains(#""subject":"\#(id)""#))
        }
    }
}

import Configuration
import Contracts
import Foundation
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import Testing
@testable import IdentityService

/// `GET /internal/v1/audit/outbox/events` on identity: the sent `user-*` events, for `mercato check`'s
/// `events-delivered`; service tokens with audience `identity` and scope `audit` only.
@Suite struct OutboxEventsAuditTests {
    static let path = "/internal/v1/audit/outbox/events"

    /// Identity whose `mercato-cli` client may ask for audience `identity`, accepting service tokens addressed to it.
    static func run(_ body: @escaping @Sendable (any TestClientProtocol, Database) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "identity")
        let values = IdentityTestApp.values(dataDir: NSTemporaryDirectory() + "identity-test-" + UUID().uuidString, extra: [
            "identity.clients": ConfigValue(.stringArray(["mercato-cli:cli-secret:identity:audit"]), isSecret: true),
        ])
        let environment = TestEnvironment.make(definition: IdentityService.definition, postgres: postgres,
                                               auth: AuthConfig(serviceAudience: "identity"), values: values)
        let built = try await IdentityService.buildApplication(environment: environment)
        try await built.app.test(.router) { client in try await body(client, environment.database) }
    }

    static func auditToken(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.send(.post, "/oauth/token", json: "grant_type=client_credentials&client_id=mercato-cli&client_secret=cli-secret",
                                             contentType: "application/x-www-form-urlencoded")
        return try #require(response.string("access_token"), "\(String(buffer: response.body))")
    }

    static func page(_ response: JSONResponse) throws -> AuditPage<OutboxEventAudit> {
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AuditPage<OutboxEventAudit>.self, from: Data(buffer: response.body))
    }

    @Test func sentUserEventsArePaged() async throws {
        try await Self.run { client, database in
            let token = try await Self.auditToken(client)
            try await client.register("ann@example.com")
            try await client.register("bob@example.com")
            try await database.query("UPDATE outbox SET sent_at = now()")
            let expected = try await database.query("SELECT event_id FROM outbox ORDER BY seq").map { try $0.decode(UUID.self) }
            #expect(expected.count >= 2, "the two registrations (and the seeded admin's)")

            var seen: [OutboxEventAudit] = []
            var cursor: String?
            repeat {
                let page = try Self.page(try await client.send(.get, Self.path + "?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token))
                #expect(page.items.count == 1)
                seen += page.items
                cursor = page.nextCursor
            } while cursor != nil && seen.count <= expected.count
            #expect(seen.map(\.eventID) == expected)
            #expect(seen.allSatisfy { $0.eventType == UserRegistered.eventType })
        }
    }

    @Test func onlyAuditServiceTokensGetIn() async throws {
        try await Self.run { client, _ in
            client.expectProblem(try await client.send(.get, Self.path), .unauthorized)
            let (customer, _) = try await client.customerTokens()
            client.expectProblem(try await client.send(.get, Self.path, token: customer), .forbidden)
            client.expectProblem(try await client.send(.get, Self.path + "?limit=0", token: try await Self.auditToken(client)), .unprocessableContent)
            #expect(try await client.send(.get, Self.path, token: try await Self.auditToken(client)).status == .ok)
        }
    }
}

import Contracts
import Foundation
import MercatoTestSupport
import Testing
@testable import NotificationsService

/// `GET /internal/v1/audit/inbox` and `/internal/v1/audit/inbox/events` for `mercato check`: service tokens with
/// audience `notifications` and scope `audit` only.
@Suite struct InboxAuditHTTPTests {
    static let auditor = TestCaller.token("Bearer " + TestTokens.serviceToken(clientID: "mercato-cli", audience: "notifications", scope: "audit"))

    @Test func inboxNamesTheBoundTypesAndTheHandledEvents() async throws {
        try await NotificationsTestApp.run { app in
            let id = UUID()
            try await app.events.apply(EventBodies.registered(UUID()), id: id)
            let inbox = try await app.send(.get, "/internal/v1/audit/inbox", as: Self.auditor).decoded(InboxAudit.self)
            #expect(inbox.consumer == "notifications")
            #expect(inbox.eventTypes == (try NotificationsService.eventHandlers()).eventTypes)
            #expect(inbox.eventTypes.contains(UserRegistered.eventType) && !inbox.eventTypes.contains(ProductCreated.eventType))
            #expect(inbox.received == 1 && inbox.oldestReceivedAt != nil)
            let page = try await app.send(.get, "/internal/v1/audit/inbox/events?limit=1", as: Self.auditor).decoded(AuditPage<InboxEventAudit>.self)
            #expect(page.items.map(\.eventID) == [id] && page.items.map(\.eventType) == [UserRegistered.eventType])
            #expect(page.nextCursor == nil)
        }
    }

    @Test func onlyAuditServiceTokensForNotificationsGetIn() async throws {
        try await NotificationsTestApp.run { app in
            for path in ["/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"] {
                try await app.send(.get, path).expectProblem(.unauthorized)
                try await app.send(.get, path, as: .admin(UUID())).expectProblem(.forbidden)
                let pricing = TestTokens.serviceToken(clientID: "mercato-cli", audience: "notifications", scope: "pricing")
                try await app.send(.get, path, as: .token("Bearer " + pricing)).expectProblem(.forbidden)
                // A token addressed to another service does not verify here at all.
                let orders = TestTokens.serviceToken(clientID: "mercato-cli", audience: "orders", scope: "audit")
                try await app.send(.get, path, as: .token("Bearer " + orders)).expectProblem(.unauthorized)
                #expect(try await app.send(.get, path, as: Self.auditor).status == .ok)
            }
            try await app.send(.get, "/internal/v1/audit/inbox/events?limit=5001", as: Self.auditor).expectProblem(.unprocessableContent)
        }
    }
}

import Contracts
import Foundation
import HTTPTypes
import MercatoTestSupport
import Testing
@testable import PaymentsService

/// `GET /internal/v1/audit/{payments,ledger,outbox,outbox/events,inbox,inbox/events}` for `mercato check`.
@Suite struct AuditHTTPTests {
    let auditor = TestCaller.service(audience: "payments", scope: "audit")

    @Test func paymentsArePagedByOrderID() async throws {
        try await PaymentsTestApp.run { app in
            try await app.events.apply(PaymentEvents.requested())
            try await app.events.apply(PaymentEvents.requested(token: "tok_declined"))
            let refunded = PaymentEvents.requested()
            try await app.events.apply(refunded)
            try await app.events.apply(PaymentEvents.cancelled(refunded.orderID))

            var seen: [PaymentAudit] = []
            var cursor: String?
            repeat {
                let query = "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await app.send(.get, "/internal/v1/audit/payments" + query, as: auditor)
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let page = try response.decoded(AuditPage<PaymentAudit>.self)
                seen += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 3)
            #expect(seen.map(\.orderID.uuidString) == seen.map(\.orderID.uuidString).sorted(), "keyset order is the order id")
            #expect(Set(seen.map(\.state)) == [.succeeded, .failed, .refunded])
            let refund = try #require(seen.first { $0.orderID == refunded.orderID })
            #expect(refund.charged == refunded.amount && refund.refunded == refunded.amount)
            #expect(seen.first { $0.state == .failed }?.charged.amount == 0)

            try await app.send(.get, "/internal/v1/audit/payments?limit=0", as: auditor).expectProblem(.unprocessableContent)
            try await app.send(.get, "/internal/v1/audit/payments?cursor=forged", as: auditor).expectProblem(.badRequest)
        }
    }

    @Test func ledgerAndOutboxSummaries() async throws {
        try await PaymentsTestApp.run { app in
            let request = PaymentEvents.requested()
            try await app.events.apply(request)
            try await app.events.apply(PaymentEvents.cancelled(request.orderID))
            let ledger = try await app.send(.get, "/internal/v1/audit/ledger", as: auditor)
            #expect(ledger.status == .ok)
            #expect(try ledger.decoded(LedgerAudit.self) == LedgerAudit(transactions: 2, unbalanced: []))
            let outbox = try await app.send(.get, "/internal/v1/audit/outbox", as: auditor)
            #expect(outbox.status == .ok)
            #expect(try outbox.decoded(OutboxAudit.self).unsent == 2, "succeeded and refunded, not yet relayed")
        }
    }

    @Test func onlyAuditServiceTokensForPaymentsPass() async throws {
        try await PaymentsTestApp.run { app in
            for path in ["/internal/v1/audit/payments", "/internal/v1/audit/ledger", "/internal/v1/audit/outbox",
                         "/internal/v1/audit/outbox/events", "/internal/v1/audit/inbox", "/internal/v1/audit/inbox/events"] {
                try await app.send(.get, path).expectProblem(.unauthorized)
                try await app.send(.get, path, as: .admin).expectProblem(.forbidden)
                try await app.send(.get, path, as: .customer(UUID())).expectProblem(.forbidden)
                try await app.send(.get, path, as: .service(audience: "payments", scope: "read")).expectProblem(.forbidden)
                try await app.send(.get, path, as: .service(audience: "orders", scope: "audit")).expectProblem(.unauthorized)
                #expect(try await app.send(.get, path, as: auditor).status == .ok)
            }
        }
    }

    /// The inbox names the types payments' handlers bind and the events they handled; the sent-events list holds
    /// only rows the relay has marked sent.
    @Test func inboxAndSentEventsAreListed() async throws {
        try await PaymentsTestApp.run { app in
            let request = PaymentEvents.requested()
            try await app.events.apply(request)
            let inbox = try await app.send(.get, "/internal/v1/audit/inbox", as: auditor).decoded(InboxAudit.self)
            #expect(inbox.consumer == "payments")
            #expect(inbox.eventTypes == [OrderCancelled.eventType, PaymentRequested.eventType].sorted())
            #expect(inbox.received == 1 && inbox.oldestReceivedAt != nil)
            let handled = try await app.send(.get, "/internal/v1/audit/inbox/events", as: auditor).decoded(AuditPage<InboxEventAudit>.self)
            #expect(handled.items.map(\.eventType) == [PaymentRequested.eventType])

            let unsent = try await app.send(.get, "/internal/v1/audit/outbox/events", as: auditor).decoded(AuditPage<OutboxEventAudit>.self)
            #expect(unsent.items.isEmpty && unsent.nextCursor == nil, "nothing relayed yet")
            try await app.database.query("UPDATE outbox SET sent_at = now()")
            let sent = try await app.send(.get, "/internal/v1/audit/outbox/events", as: auditor).decoded(AuditPage<OutboxEventAudit>.self)
            #expect(sent.items.map(\.eventType) == [PaymentSucceeded.eventType])
        }
    }
}

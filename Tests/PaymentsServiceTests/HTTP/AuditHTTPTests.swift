import Contracts
import Foundation
import HTTPTypes
import MercatoTestSupport
import Testing
@testable import PaymentsService

/// `GET /internal/v1/audit/{payments,ledger,outbox}` for `mercato check`.
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
            for path in ["/internal/v1/audit/payments", "/internal/v1/audit/ledger", "/internal/v1/audit/outbox"] {
                try await app.send(.get, path).expectProblem(.unauthorized)
                try await app.send(.get, path, as: .admin).expectProblem(.forbidden)
                try await app.send(.get, path, as: .customer(UUID())).expectProblem(.forbidden)
                try await app.send(.get, path, as: .service(audience: "payments", scope: "read")).expectProblem(.forbidden)
            }
        }
    }
}

import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import PaymentsService

/// Tier: integration on a real PostgreSQL. `payment-requested` applied exactly as the consumer applies it.
@Suite struct ChargeHandlerTests {
    @Test func aGoodCardIsChargedOnceWithABalancedLedgerAndAnEvent() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested()
            #expect(try await applier.apply(request) == .applied)

            let payments = try await database.storedPayments()
            let payment = try #require(payments.first)
            #expect(payments.count == 1)
            #expect(payment.orderID == request.orderID && payment.customerID == request.customerID && payment.status == .succeeded)
            #expect(payment.amount == request.amount && payment.failureCode == nil && payment.refundedAmount == 0)
            #expect(payment.providerReference == provider.recordedCharges.first?.reference)
            #expect(payment.idempotencyKey == "charge-" + request.orderID.uuidString.lowercased())
            #expect(provider.recordedCharges.count == 1)

            let lines = try await database.ledgerLines()
            #expect(lines.map(\.0) == ["charge", "charge"])
            #expect(lines.map(\.1) == ["psp_receivable", "customer_payments"] && lines.map(\.2) == ["debit", "credit"])
            #expect(lines.allSatisfy { $0.3 == 4_250 && $0.4 == "EUR" })
            #expect(try await AuditStore(database: database).ledger() == LedgerAudit(transactions: 1, unbalanced: []))

            let outbox = try await database.outboxRows()
            #expect(outbox.map(\.eventType) == [PaymentSucceeded.eventType])
            #expect(outbox.first?.subject == request.orderID.uuidString.lowercased())
            let envelope = try EventCoding.decoder().decode(EventEnvelope<PaymentSucceeded>.self, from: Data((outbox.first?.body ?? "").utf8))
            #expect(envelope.data == PaymentSucceeded(orderID: request.orderID, paymentID: payment.id, amount: request.amount))
        }
    }

    @Test(arguments: [("tok_declined", PaymentFailureCode.declined), ("tok_insufficient_funds", .insufficientFunds),
                      ("tok_unknown", .invalidToken), ("tok_timeout", .providerUnavailable)])
    func aFailedChargeIsRecordedAndAnnounced(token: String, code: PaymentFailureCode) async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested(token: token)
            #expect(try await applier.apply(request) == .applied)

            let payment = try #require(try await database.storedPayments().first)
            #expect(payment.status == .failed && payment.failureCode == code && payment.providerReference == nil)
            #expect(try await database.ledgerLines().isEmpty, "nothing charged, nothing posted")
            let outbox = try await database.outboxRows()
            #expect(outbox.map(\.eventType) == [PaymentFailed.eventType])
            let envelope = try EventCoding.decoder().decode(EventEnvelope<PaymentFailed>.self, from: Data((outbox.first?.body ?? "").utf8))
            #expect(envelope.data.code == code && envelope.data.paymentID == payment.id && envelope.data.orderID == request.orderID)
            #expect(envelope.subject == request.orderID.uuidString.lowercased())
            #expect(provider.recordedCharges.allSatisfy { $0.status != .succeeded })
        }
    }

    @Test func theSameEventDeliveredTwiceChargesOnce() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let body = try PaymentEvents.body(PaymentEvents.requested())
            #expect(try await applier.apply(body) == .applied)
            #expect(try await applier.apply(body) == .duplicate)
            #expect(try await database.storedPayments().count == 1)
            #expect(provider.recordedCharges.count == 1 && provider.calls == 1)
            #expect(try await database.outboxRows().count == 1)
        }
    }

    @Test func concurrentDeliveriesChargeOnce() async throws {
        try await withPaymentsDatabase { database in
            // A little latency keeps the first charge in flight while the others arrive.
            let provider = TestPaymentProvider(settings: .init(latency: .milliseconds(20)))
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested()
            let sameBody = try PaymentEvents.body(request)
            // The same event twice and the same request in two other envelopes (orders re-sending it), all at once.
            let bodies = [sameBody, sameBody, try PaymentEvents.body(request), try PaymentEvents.body(request)]
            let results = try await withThrowingTaskGroup(of: EventApplication.self) { group in
                for body in bodies { group.addTask { try await applier.apply(body) } }
                return try await group.reduce(into: [EventApplication]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == .duplicate }.count == 1, "\(results)")
            #expect(try await database.storedPayments().map(\.status) == [.succeeded])
            #expect(provider.recordedCharges.count == 1)
            #expect(try await database.outboxRows().map(\.eventType) == [PaymentSucceeded.eventType])
            #expect(try await database.count("SELECT count(*)::int FROM ledger_transactions") == 1)
        }
    }

    @Test func aRepeatedRequestAfterAFailureDoesNothing() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let declined = PaymentEvents.requested(token: "tok_declined")
            try await applier.apply(declined)
            var retried = declined
            retried.token = "tok_visa"
            #expect(try await applier.apply(retried) == .applied, "claimed, but the order's payment already ended")
            #expect(try await database.storedPayments().map(\.status) == [.failed])
            #expect(provider.calls == 1)
            #expect(try await database.outboxRows().count == 1)
        }
    }

    @Test func aPendingPaymentIsResumedWithItsIdempotencyKey() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested()
            let key = ChargeEffect.idempotencyKey(orderID: request.orderID)
            // The provider charged before our transaction was lost; a pending row remains (as after a crash mid-call).
            let earlier = try await provider.charge(idempotencyKey: key, amount: request.amount, token: request.token)
            let paymentID = UUID()
            try await database.query("""
                INSERT INTO payments (id, order_id, customer_id, status, amount, currency, idempotency_key)
                VALUES (\(paymentID), \(request.orderID), \(request.customerID), 'pending', 4250, 'EUR', \(key))
                """)
            try await applier.apply(request)
            let payment = try #require(try await database.storedPayments().first)
            #expect(payment.id == paymentID && payment.status == .succeeded && payment.providerReference == earlier.reference)
            #expect(provider.recordedCharges.count == 1, "the provider answered the first charge again")
        }
    }

    @Test func unusableRequestsFailPermanentlyWithoutWrites() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            for request in [PaymentEvents.requested(amount: 0), PaymentEvents.requested(currency: "eur"), PaymentEvents.requested(method: "cash"),
                            PaymentEvents.requested(token: "")] {
                await #expect(throws: PermanentEventFailure.self) { try await applier.apply(request) }
            }
            let malformed = Data(#"{"specversion":"1.0","id":"\#(UUID())","type":"\#(PaymentRequested.eventType)","data":{}}"#.utf8)
            await #expect(throws: PermanentEventFailure.self) { try await applier.apply(malformed) }
            let claims = try await database.count("SELECT count(*)::int FROM inbox")
            let payments = try await database.storedPayments()
            #expect(claims == 0 && payments.isEmpty && provider.calls == 0)
        }
    }

    @Test func handlesExactlyTheSagaEventsItNeeds() {
        let handlers = PaymentsService.eventHandlers(provider: TestPaymentProvider(), config: fastConfig, logger: .init(label: "t"))
        #expect(handlers.eventTypes == [OrderCancelled.eventType, PaymentRequested.eventType].sorted())
    }
}

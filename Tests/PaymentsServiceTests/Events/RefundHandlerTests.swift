import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import PaymentsService

/// Tier: integration on a real PostgreSQL. `order-cancelled` before and after a charge.
@Suite struct RefundHandlerTests {
    @Test func aCancellationBeforePaymentMeansNoCharge() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested()
            try await applier.apply(PaymentEvents.cancelled(request.orderID, reason: .reservationExpired))
            #expect(try await applier.apply(request) == .applied)
            #expect(try await database.storedPayments().isEmpty)
            #expect(provider.calls == 0)
            #expect(try await database.outboxRows().isEmpty)
            #expect(try await database.count("SELECT count(*)::int FROM order_cancellations") == 1)
        }
    }

    @Test func aCancellationAfterSuccessRefundsOnceWhateverTheRedeliveries() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested()
            try await applier.apply(request)
            let cancellation = try PaymentEvents.body(PaymentEvents.cancelled(request.orderID))
            #expect(try await applier.apply(cancellation) == .applied)
            #expect(try await applier.apply(cancellation) == .duplicate)
            #expect(try await applier.apply(PaymentEvents.cancelled(request.orderID)) == .applied, "a second cancellation event")
            #expect(try await applier.apply(request) == .applied, "a late re-sent request")

            let payment = try #require(try await database.storedPayments().first)
            #expect(payment.status == .refunded && payment.refundedAmount == 4_250)
            #expect(provider.recordedCharges.count == 1 && provider.recordedRefunds.count == 1)
            #expect(provider.recordedRefunds.first?.chargeReference == payment.providerReference)

            let lines = try await database.ledgerLines()
            #expect(lines.map(\.0) == ["charge", "charge", "refund", "refund"])
            #expect(lines.suffix(2).map(\.1) == ["customer_payments", "psp_receivable"] && lines.suffix(2).map(\.2) == ["debit", "credit"])
            #expect(try await AuditStore(database: database).ledger() == LedgerAudit(transactions: 2, unbalanced: []))
            let net = try await database.count("""
                SELECT COALESCE(sum(CASE side WHEN 'debit' THEN amount ELSE -amount END), 0)::int FROM ledger_entries WHERE account = 'psp_receivable'
                """)
            #expect(net == 0, "a refunded order nets to zero")

            let outbox = try await database.outboxRows()
            #expect(outbox.map(\.eventType) == [PaymentSucceeded.eventType, PaymentRefunded.eventType])
            let refunded = try EventCoding.decoder().decode(EventEnvelope<PaymentRefunded>.self, from: Data((outbox.last?.body ?? "").utf8))
            let refundID = try await database.query("SELECT id FROM refunds").first?.decode(UUID.self)
            #expect(refunded.data == PaymentRefunded(orderID: request.orderID, paymentID: payment.id, refundID: try #require(refundID),
                                                     customerID: request.customerID, amount: request.amount))
            #expect(refunded.subject == request.orderID.uuidString.lowercased())
        }
    }

    @Test func aCancellationAfterAFailedChargeDoesNothing() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let applier = EventApplier(database: database, provider: provider)
            let request = PaymentEvents.requested(token: "tok_declined")
            try await applier.apply(request)
            try await applier.apply(PaymentEvents.cancelled(request.orderID, reason: .paymentDeclined))
            #expect(try await database.storedPayments().map(\.status) == [.failed])
            #expect(provider.recordedRefunds.isEmpty)
            #expect(try await database.outboxRows().map(\.eventType) == [PaymentFailed.eventType])
        }
    }

    @Test func aRefundTheProviderCannotMakeIsRetriedLater() async throws {
        try await withPaymentsDatabase { database in
            let provider = TestPaymentProvider()
            let request = PaymentEvents.requested()
            try await EventApplier(database: database, provider: provider).apply(request)
            let down = EventApplier(database: database, provider: UnavailableRefunds(inner: provider))
            let cancellation = try PaymentEvents.body(PaymentEvents.cancelled(request.orderID))
            await #expect(throws: RefundFailure.self) { try await down.apply(cancellation) }
            #expect(try await database.storedPayments().map(\.status) == [.succeeded], "rolled back, nothing recorded")
            #expect(try await database.count("SELECT count(*)::int FROM order_cancellations") == 0)
            // The retried delivery, with the provider back.
            #expect(try await EventApplier(database: database, provider: provider).apply(cancellation) == .applied)
            #expect(try await database.storedPayments().map(\.status) == [.refunded])
            #expect(provider.recordedRefunds.count == 1)
        }
    }
}

/// The test provider whose refunds always fail transiently.
struct UnavailableRefunds: PaymentProvider {
    let inner: TestPaymentProvider

    func charge(idempotencyKey: String, amount: EventMoney, token: String) async throws -> ProviderCharge {
        try await inner.charge(idempotencyKey: idempotencyKey, amount: amount, token: token)
    }

    func refund(idempotencyKey: String, chargeReference: String, amount: EventMoney) async throws -> ProviderRefund {
        throw ProviderError(.transient, "down")
    }

    func lookup(idempotencyKey: String) async throws -> ProviderCharge? { try await inner.lookup(idempotencyKey: idempotencyKey) }
}

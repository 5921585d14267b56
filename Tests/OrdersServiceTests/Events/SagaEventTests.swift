import Contracts
import Foundation
import MercatoCore
import Messaging
import Testing
@testable import OrdersService

/// Applies event bodies through the service's handlers, exactly as the consumer does.
struct OrderEventApplier: Sendable {
    let handlers = OrdersService.eventHandlers()
    let database: Database

    /// Applies `payload` about order `orderID` in a new envelope (or with event id `id`).
    @discardableResult
    func apply<P: EventPayload>(_ payload: P, about orderID: UUID, id: UUID = UUID()) async throws -> EventApplication {
        let body = try EventCoding.encoder().encode(EventEnvelope(id: id, subject: orderID.uuidString.lowercased(), data: payload))
        return try await handlers.apply(body: body, attempt: 1, consumer: OrdersService.definition.name, database: database)
    }
}

/// Tier: integration on a real PostgreSQL. The saga driven by catalog's and payments' events.
@Suite struct SagaEventTests {
    static let expiry = Date().addingTimeInterval(600)

    @Test func theHappyPathRequestsPaymentThenConfirms() async throws {
        try await withOrdersDatabase { database in
            let events = OrderEventApplier(database: database)
            let order = try await database.storeOrder(token: "tok_visa")
            let reserved = UUID()
            #expect(try await events.apply(StockReserved(orderID: order.id, lines: [StockLine(productID: UUID(), quantity: 2)],
                                                         expiresAt: Self.expiry), about: order.id, id: reserved) == .applied)
            #expect(try await database.orderState(order.id)?.0 == .awaitingPayment)
            let request = try #require(try await database.outboxPayload(PaymentRequested.self, subject: order.id))
            #expect(request == PaymentRequested(orderID: order.id, customerID: order.customerID, amount: order.total, method: "card",
                                                token: "tok_visa"))

            #expect(try await events.apply(StockReserved(orderID: order.id, lines: [], expiresAt: Self.expiry), about: order.id,
                                           id: reserved) == .duplicate)
            try await events.apply(PaymentSucceeded(orderID: order.id, paymentID: UUID(), amount: order.total), about: order.id)
            #expect(try await database.orderState(order.id)?.0 == .confirmed)
            #expect(try await database.historyText(order.id) == ["-→PENDING", "PENDING→AWAITING_PAYMENT", "AWAITING_PAYMENT→CONFIRMED"])
            #expect(try await database.outboxEvents(subject: order.id).map(\.name)
                    == ["payment-requested", "order-status-updated", "order-confirmed", "order-status-updated"])
            let confirmed = try #require(try await database.outboxPayload(OrderConfirmed.self, subject: order.id))
            #expect(confirmed.total == order.total && confirmed.customerID == order.customerID)

            // A late reservation event or a second payment event changes nothing.
            try await events.apply(StockReservationFailed(orderID: order.id, failedLines: []), about: order.id)
            try await events.apply(PaymentSucceeded(orderID: order.id, paymentID: UUID(), amount: order.total), about: order.id)
            #expect(try await database.orderState(order.id)?.0 == .confirmed)
            #expect(try await database.outboxEvents(subject: order.id).count == 4)
        }
    }

    @Test func outOfStockCancelsWithTheMissingLines() async throws {
        try await withOrdersDatabase { database in
            let events = OrderEventApplier(database: database)
            let order = try await database.storeOrder()
            let product = UUID()
            try await events.apply(StockReservationFailed(orderID: order.id, failedLines: [
                UnavailableLine(productID: product, requested: 2, available: 1),
            ]), about: order.id)
            let state = try #require(try await database.orderState(order.id))
            #expect(state.0 == .cancelled && state.1 == "out-of-stock")
            #expect(state.2 == "product \(product.uuidString.lowercased()): requested 2, available 1")
            let cancelled = try #require(try await database.outboxPayload(OrderCancelled.self, subject: order.id))
            #expect(cancelled.reason == .outOfStock && cancelled.detail == state.2 && cancelled.total == order.total)
            let update = try #require(try await database.outboxPayload(OrderStatusUpdated.self, subject: order.id))
            #expect(update.previousStatus == .pending && update.status == .cancelled && update.reason == .outOfStock)
        }
    }

    @Test(arguments: [(PaymentFailureCode.declined, CancellationReason.paymentDeclined), (.insufficientFunds, .paymentFailed),
                      (.providerUnavailable, .paymentFailed)])
    func aFailedPaymentCancels(_ code: PaymentFailureCode, _ reason: CancellationReason) async throws {
        try await withOrdersDatabase { database in
            let events = OrderEventApplier(database: database)
            let order = try await database.storeOrder(token: "tok_declined")
            try await events.apply(StockReserved(orderID: order.id, lines: [], expiresAt: Self.expiry), about: order.id)
            try await events.apply(PaymentFailed(orderID: order.id, paymentID: UUID(), code: code, detail: "card said no"), about: order.id)
            let state = try #require(try await database.orderState(order.id))
            #expect(state.0 == .cancelled && state.1 == reason.rawValue && state.2 == "card said no")
            #expect(try await database.outboxEvents(subject: order.id).map(\.name)
                    == ["payment-requested", "order-status-updated", "order-cancelled", "order-status-updated"])
            #expect(try await database.outboxPayload(OrderCancelled.self, subject: order.id)?.reason == reason)
        }
    }

    @Test func anExpiredReservationCancelsAndALatePaymentIsIgnored() async throws {
        try await withOrdersDatabase { database in
            let events = OrderEventApplier(database: database)
            let order = try await database.storeOrder()
            try await events.apply(StockReserved(orderID: order.id, lines: [], expiresAt: Self.expiry), about: order.id)
            try await events.apply(ReservationExpired(orderID: order.id, lines: []), about: order.id)
            #expect(try await database.orderState(order.id)?.1 == "reservation-expired")
            // Payments charged meanwhile: the order stays cancelled; payments refunds on order-cancelled.
            try await events.apply(PaymentSucceeded(orderID: order.id, paymentID: UUID(), amount: order.total), about: order.id)
            #expect(try await database.orderState(order.id)?.0 == .cancelled)
            #expect(try await database.historyText(order.id)
                    == ["-→PENDING", "PENDING→AWAITING_PAYMENT", "AWAITING_PAYMENT→CANCELLED(reservation-expired)"])
            #expect(try await database.outboxEvents(subject: order.id).filter { $0.name == "order-cancelled" }.count == 1)
        }
    }

    @Test func anEventForAnUnknownOrderIsPermanent() async throws {
        try await withOrdersDatabase { database in
            let events = OrderEventApplier(database: database)
            await #expect(throws: PermanentEventFailure.self) {
                try await events.apply(PaymentSucceeded(orderID: UUID(), paymentID: UUID(), amount: EventMoney(amount: 1, currency: "EUR")),
                                       about: UUID())
            }
            let claims = try await database.query("SELECT count(*)::int FROM inbox").first?.decode(Int.self)
            #expect(claims == 0, "the claim rolled back")
        }
    }

    @Test func theHandlersBindExactlyTheSagaEvents() {
        #expect(OrdersService.eventHandlers().eventTypes == [
            PaymentFailed.eventType, PaymentSucceeded.eventType, ReservationExpired.eventType, StockReservationFailed.eventType,
            StockReserved.eventType,
        ].sorted())
    }
}

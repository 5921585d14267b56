import Contracts
import Foundation
import HummingbirdTesting
import MercatoCore
import Testing
@testable import OrdersService

/// Tier: HTTP against real PostgreSQL. Cancelling and staff status changes.
@Suite struct OrderCommandHTTPTests {
    @Test func theOwnerCancelsBeforeShippingAndTheCancellationIsPublished() async throws {
        try await OrdersTestApp.run { app in
            let ada = UUID()
            let order = try await app.database.storeOrder(customer: ada)
            let response = try await app.send(.post, "/api/v1/orders/\(order.id)/cancel", as: .customer(ada))
            #expect(response.status == .ok)
            let body = try response.decoded(OrderBody.self)
            #expect(body.status == .cancelled && body.cancellationReason == .customerCancelled)
            #expect(body.statusHistory?.map(\.to) == [.pending, .cancelled])
            #expect(try await app.database.outboxEvents(subject: order.id).map(\.name) == ["order-cancelled", "order-status-updated"])
            let cancelled = try #require(try await app.database.outboxPayload(OrderCancelled.self, subject: order.id))
            #expect(cancelled.reason == .customerCancelled && cancelled.total.amount == 2500 && cancelled.customerID == ada)

            // Cancelling again changes nothing and publishes nothing.
            #expect(try await app.send(.post, "/api/v1/orders/\(order.id)/cancel", as: .customer(ada)).status == .ok)
            #expect(try await app.database.outboxEvents(subject: order.id).count == 2)
        }
    }

    @Test func aConfirmedOrderMayBeCancelledByStaffButNotOnceShipped() async throws {
        try await OrdersTestApp.run { app in
            let staff = TestCaller.staff(UUID())
            let ada = UUID()
            let confirmed = try await app.database.storeOrder(customer: ada, status: .confirmed)
            let body = try await app.send(.post, "/api/v1/orders/\(confirmed.id)/cancel", as: staff).decoded(OrderBody.self)
            #expect(body.status == .cancelled && body.cancellationReason == .staffCancelled)

            let shipped = try await app.database.storeOrder(customer: ada, status: .confirmed)
            #expect(try await app.send(.post, "/api/v1/orders/\(shipped.id)/status", as: staff, json: #"{"status":"SHIPPED"}"#).status == .ok)
            let problem = try await app.send(.post, "/api/v1/orders/\(shipped.id)/cancel", as: .customer(ada)).expectProblem(.conflict)
            #expect(problem.detail?.contains("shipped") == true)
            #expect(try await app.database.orderState(shipped.id)?.0 == .shipped)
        }
    }

    @Test func staffShipAndDeliverInOrderOnly() async throws {
        try await OrdersTestApp.run { app in
            let staff = TestCaller.staff(UUID())
            let ada = UUID()
            let pending = try await app.database.storeOrder(customer: ada)
            try await app.send(.post, "/api/v1/orders/\(pending.id)/status", as: staff, json: #"{"status":"SHIPPED"}"#).expectProblem(.conflict)
            #expect(try await app.database.outboxEvents(subject: pending.id).isEmpty, "a refused command publishes nothing")

            let order = try await app.database.storeOrder(customer: ada, status: .confirmed)
            try await app.send(.post, "/api/v1/orders/\(order.id)/status", as: staff, json: #"{"status":"DELIVERED"}"#).expectProblem(.conflict)
            #expect(try await app.send(.post, "/api/v1/orders/\(order.id)/status", as: staff, json: #"{"status":"SHIPPED"}"#).status == .ok)
            let delivered = try await app.send(.post, "/api/v1/orders/\(order.id)/status", as: staff, json: #"{"status":"DELIVERED"}"#)
            #expect(try delivered.decoded(OrderBody.self).status == .delivered)
            #expect(try await app.database.historyText(order.id) == ["-→CONFIRMED", "CONFIRMED→SHIPPED", "SHIPPED→DELIVERED"])
            #expect(try await app.database.outboxEvents(subject: order.id).map(\.name) == ["order-status-updated", "order-status-updated"])
        }
    }

    @Test func statusChangesAreForStaffWithAValidBody() async throws {
        try await OrdersTestApp.run(bodyLimit: 1024) { app in
            let ada = UUID()
            let order = try await app.database.storeOrder(customer: ada, status: .confirmed)
            let uri = "/api/v1/orders/\(order.id)/status"
            try await app.send(.post, uri, as: .customer(ada), json: #"{"status":"SHIPPED"}"#).expectProblem(.forbidden)
            try await app.send(.post, uri, json: #"{"status":"SHIPPED"}"#).expectProblem(.unauthorized)
            try await app.send(.post, uri, as: .staff(UUID()), json: #"{"status":"CANCELLED"}"#).expectProblem(.unprocessableContent)
            try await app.send(.post, uri, as: .staff(UUID()), json: #"{"status":"#).expectProblem(.badRequest)
            try await app.send(.post, uri, as: .staff(UUID()), json: String(repeating: " ", count: 2048)).expectProblem(.contentTooLarge)
            try await app.send(.post, "/api/v1/orders/\(UUID())/status", as: .staff(UUID()), json: #"{"status":"SHIPPED"}"#)
                .expectProblem(.notFound)
            try await app.send(.post, "/api/v1/orders/\(order.id)/cancel", as: .customer(UUID())).expectProblem(.notFound)
            try await app.send(.post, "/api/v1/orders/\(order.id)/cancel", as: .customer(ada), json: String(repeating: " ", count: 2048))
                .expectProblem(.contentTooLarge)
            #expect(try await app.database.orderState(order.id)?.0 == .confirmed)
        }
    }
}

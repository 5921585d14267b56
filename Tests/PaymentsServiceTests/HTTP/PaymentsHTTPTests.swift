import Contracts
import Foundation
import HTTPTypes
import MercatoTestSupport
import Testing
@testable import PaymentsService

/// `GET /api/v1/payments?order_id=` and `GET /api/v1/payments/{id}`.
@Suite struct PaymentsHTTPTests {
    @Test func theOwnerSeesTheOrdersPaymentWithItsRefund() async throws {
        try await PaymentsTestApp.run { app in
            let customer = UUID()
            let request = PaymentEvents.requested(customer: customer)
            try await app.events.apply(request)
            try await app.events.apply(PaymentEvents.cancelled(request.orderID, customer: customer))

            let response = try await app.send(.get, "/api/v1/payments?order_id=\(request.orderID)", as: .customer(customer))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let payment = try #require(try response.decoded(ListedPayments.self).items.first)
            #expect(try response.decoded(ListedPayments.self).items.count == 1)
            #expect(payment.orderID == request.orderID && payment.status == "refunded" && payment.failureCode == nil)
            #expect(payment.amount == .init(amount: 4_250, currency: "EUR") && payment.refundedAmount == payment.amount)
            #expect(payment.refunds.map(\.amount) == [payment.amount])
            #expect(!String(buffer: response.body).contains("failure_code"), "absent unless the payment failed")

            let one = try await app.send(.get, "/api/v1/payments/\(payment.id)", as: .customer(customer))
            #expect(one.status == .ok)
            #expect(try one.decoded(ListedPayment.self) == payment)
        }
    }

    @Test func aFailedPaymentShowsItsCode() async throws {
        try await PaymentsTestApp.run { app in
            let customer = UUID()
            let request = PaymentEvents.requested(customer: customer, token: "tok_insufficient_funds")
            try await app.events.apply(request)
            let page = try await app.send(.get, "/api/v1/payments?order_id=\(request.orderID)", as: .customer(customer))
                .decoded(ListedPayments.self)
            #expect(page.items.map(\.status) == ["failed"] && page.items.map(\.failureCode) == ["insufficient_funds"])
            #expect(page.items.first?.refundedAmount == .init(amount: 0, currency: "EUR"))
        }
    }

    @Test func staffAndAdminsSeeAnyOrdersPayment() async throws {
        try await PaymentsTestApp.run { app in
            let request = PaymentEvents.requested()
            try await app.events.apply(request)
            for caller in [TestCaller.staff, .admin] {
                let page = try await app.send(.get, "/api/v1/payments?order_id=\(request.orderID)", as: caller).decoded(ListedPayments.self)
                #expect(page.items.map(\.orderID) == [request.orderID])
                let id = try #require(page.items.first?.id)
                #expect(try await app.send(.get, "/api/v1/payments/\(id)", as: caller).status == .ok)
            }
        }
    }

    @Test func strangersAndUnknownOrdersGetNotFound() async throws {
        try await PaymentsTestApp.run { app in
            let request = PaymentEvents.requested()
            try await app.events.apply(request)
            let stranger = TestCaller.customer(UUID())
            try await app.send(.get, "/api/v1/payments?order_id=\(request.orderID)", as: stranger).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/payments?order_id=\(UUID())", as: .customer(request.customerID)).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/payments?order_id=\(UUID())", as: .staff).expectProblem(.notFound)
            let id = try #require(try await app.database.storedPayments().first?.id)
            try await app.send(.get, "/api/v1/payments/\(id)", as: stranger).expectProblem(.notFound)
            try await app.send(.get, "/api/v1/payments/\(UUID())", as: .staff).expectProblem(.notFound)
        }
    }

    @Test func aMissingOrMalformedIdIsRefused() async throws {
        try await PaymentsTestApp.run { app in
            let caller = TestCaller.customer(UUID())
            let missing = try await app.send(.get, "/api/v1/payments", as: caller).expectProblem(.unprocessableContent)
            #expect(missing.errors?.map(\.field) == ["order_id"] && missing.errors?.first?.message == "is required")
            let malformed = try await app.send(.get, "/api/v1/payments?order_id=42", as: caller).expectProblem(.unprocessableContent)
            #expect(malformed.errors?.first?.message == "must be a UUID")
            try await app.send(.get, "/api/v1/payments?order_id=", as: caller).expectProblem(.unprocessableContent)
            let badID = try await app.send(.get, "/api/v1/payments/not-a-uuid", as: caller).expectProblem(.unprocessableContent)
            #expect(badID.errors?.map(\.field) == ["id"])
        }
    }

    @Test func anonymousCallersServiceTokensAndOtherMethodsAreRefused() async throws {
        try await PaymentsTestApp.run { app in
            let order = UUID()
            try await app.send(.get, "/api/v1/payments?order_id=\(order)").expectProblem(.unauthorized)
            try await app.send(.get, "/api/v1/payments/\(order)").expectProblem(.unauthorized)
            try await app.send(.get, "/api/v1/payments?order_id=\(order)", as: .token("Bearer not-a-token")).expectProblem(.unauthorized)
            try await app.send(.get, "/api/v1/payments?order_id=\(order)", as: .service(audience: "payments", scope: "audit"))
                .expectProblem(.forbidden)
            try await app.send(.post, "/api/v1/payments", as: .staff, json: "{}").expectProblem(.methodNotAllowed)
        }
    }
}

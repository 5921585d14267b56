import Foundation
import Hummingbird
import MercatoCore

/// `GET /api/v1/payments?order_id=` and `GET /api/v1/payments/{id}`: for the order's customer, staff and admins.
/// Anyone else — and everyone, when the order has no payment yet — gets 404, so a stranger learns nothing.
struct PaymentRoutes: Sendable {
    let store: PaymentStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/payments") { request, context in try await list(request, context: context) }
        router.get("/api/v1/payments/{id}") { _, context in try await show(context: context) }
    }

    /// The order's payments the caller may see; 422 without a UUID `order_id`.
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireUser()
        let text = request.uri.queryParameters["order_id"].map(String.init)
        guard let text, let orderID = UUID(uuidString: text) else {
            throw Problem.validation(field: "order_id", text == nil ? "is required" : "must be a UUID")
        }
        let visible = try await store.payments(ofOrder: orderID).filter { caller.mayRead($0.0) }
        guard !visible.isEmpty else { throw Problem.notFound("No payment for this order.") }
        return try JSONBody.response(PaymentList(items: visible.map { PaymentResource($0.0, refunds: $0.1) }))
    }

    /// One payment; 422 for an id that is no UUID.
    func show(context: AppRequestContext) async throws -> Response {
        let caller = try context.requireUser()
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Problem.validation(field: "id", "must be a UUID")
        }
        guard let (payment, refunds) = try await store.payment(id), caller.mayRead(payment) else {
            throw Problem.notFound("No payment with this id.")
        }
        return try JSONBody.response(PaymentResource(payment, refunds: refunds))
    }
}

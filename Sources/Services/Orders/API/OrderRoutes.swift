import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import MercatoCore

/// `POST /api/v1/orders`, `GET /api/v1/orders` and `GET /api/v1/orders/{id}`.
struct OrderRoutes: Sendable {
    let store: OrderStore
    let placement: OrderPlacement

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/orders") { request, context in try await place(request, context: context) }
        router.get("/api/v1/orders") { request, context in try await list(request, context: context) }
        router.get("/api/v1/orders/{id}") { _, context in try await show(context: context) }
    }

    /// Places an order for the calling user; `Idempotency-Key` is required (400 without).
    func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireOrderCaller()
        let key = try IdempotencyKey(header: request.headers[HTTPField.Name("Idempotency-Key")!])
        var request = request
        let body = try await request.decodeJSON(as: PlaceOrderRequest.self, context: context)
        return try await placement.place(body, customer: caller.id, key: key)
    }

    /// The caller's orders (staff: everyone's, or `customer`'s), newest first, keyset-paginated.
    func list(_ request: Request, context: AppRequestContext) async throws -> OrderPage {
        let caller = try context.requireOrderCaller()
        let query = try OrderListQuery.parse(request.queryValues, caller: caller.id, isStaff: caller.isStaff)
        let page = try await store.page(query)
        return OrderPage(page: Page(items: page.items.map { OrderBody($0) }, nextCursor: page.nextCursor))
    }

    /// One order with its status history; 404 unless the caller owns it or is staff.
    func show(context: AppRequestContext) async throws -> OrderBody {
        let caller = try context.requireOrderCaller()
        let id = try context.orderID()
        guard let order = try await store.find(id), caller.canSee(order) else { throw Problem.notFound("No such order.") }
        return OrderBody(order, history: try await store.history(of: id))
    }
}

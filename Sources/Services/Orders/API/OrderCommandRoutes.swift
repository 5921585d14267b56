import Contracts
import Foundation
import Hummingbird
import MercatoCore

/// `POST /api/v1/orders/{id}/cancel` (owner or staff) and `POST /api/v1/orders/{id}/status` (staff): commands that
/// run through the saga like any event, so every change writes history and publishes through the outbox.
struct OrderCommandRoutes: Sendable {
    let database: Database
    let store: OrderStore
    let transitions: OrderTransitions

    /// The body of `POST …/status`.
    struct StatusChange: Decodable {
        var status: String
    }

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/orders/{id}/cancel") { request, context in try await cancel(request, context: context) }
        router.post("/api/v1/orders/{id}/status") { request, context in try await changeStatus(request, context: context) }
    }

    /// Cancels before shipping (a paid order is refunded by payments on order-cancelled); 409 once shipped, 200 with
    /// the order otherwise (also when it was already cancelled). A body, if sent, is ignored but must fit the limit.
    func cancel(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let caller = try context.requireOrderCaller()
        let id = try context.orderID()
        var request = request
        _ = try await request.collectBodyWithinLimit(context: context)
        return try await run(id, caller: caller) { order in order.customerID == caller.id ? .customerCancel : .staffCancel }
    }

    /// Marks a confirmed order SHIPPED or a shipped one DELIVERED (staff and admins only); 409 for any other step.
    func changeStatus(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let caller = try context.requireOrderCaller()
        guard caller.isStaff else { throw Problem.forbidden("Only staff may change an order's status.") }
        let id = try context.orderID()
        var request = request
        let body = try await request.decodeJSON(as: StatusChange.self, context: context)
        let input: OrderSagaInput
        switch OrderStatusName(rawValue: body.status) {
        case .shipped: input = .markShipped
        case .delivered: input = .markDelivered
        default: throw Problem.validation(field: "status", "must be SHIPPED or DELIVERED")
        }
        return try await run(id, caller: caller) { _ in input }
    }

    /// Applies the input `command` picks for the locked order `id`; 404 when the caller may not see it, 409 when the
    /// saga rejects the command. Answers with the order as it now stands.
    private func run(_ id: UUID, caller: OrderCaller, command: @Sendable (Order) -> OrderSagaInput) async throws -> OrderBody {
        try await database.withTransaction { connection in
            guard let order = try await OrderStore.lock(id, on: connection), caller.canSee(order) else {
                throw Problem.notFound("No such order.")
            }
            if case .reject(let reason) = try await transitions.apply(command(order), to: order, on: connection).outcome {
                throw Problem.conflict(reason)
            }
        }
        guard let order = try await store.find(id) else { throw Problem.notFound("No such order.") }
        return OrderBody(order, history: try await store.history(of: id))
    }
}

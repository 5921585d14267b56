import Contracts
import Foundation
import Hummingbird
import MercatoCore

/// An order as the API returns it (never with the card token).
struct OrderBody: Codable, Sendable, Equatable, ResponseEncodable {
    var id: UUID
    var customerID: UUID
    var status: OrderStatusName
    var lines: [QuotedLine]
    var total: EventMoney
    var shippingAddress: ShippingAddress
    var cancellationReason: CancellationReason?
    var cancellationDetail: String?
    var createdAt: Date
    var updatedAt: Date
    /// Every status change, oldest first; only on the single-order view.
    var statusHistory: [OrderStatusChange]?

    enum CodingKeys: String, CodingKey {
        case id, customerID = "customer_id", status, lines, total, shippingAddress = "shipping_address",
             cancellationReason = "cancellation_reason", cancellationDetail = "cancellation_detail",
             createdAt = "created_at", updatedAt = "updated_at", statusHistory = "status_history"
    }

    /// The body of `order`, with `history` when given.
    init(_ order: Order, history: [OrderStatusChange]? = nil) {
        id = order.id
        customerID = order.customerID
        status = order.status
        lines = order.lines
        total = order.total
        shippingAddress = order.shippingAddress
        cancellationReason = order.cancellationReason
        cancellationDetail = order.cancellationDetail
        createdAt = order.createdAt
        updatedAt = order.updatedAt
        statusHistory = history
    }
}

/// A page of orders as a response: `{"items": […], "next_cursor": …}`.
struct OrderPage: ResponseEncodable, Sendable {
    var page: Page<OrderBody>

    /// Encodes the page.
    func encode(to encoder: any Encoder) throws { try page.encode(to: encoder) }
}

/// The caller of an orders route.
struct OrderCaller: Sendable {
    /// The user's id.
    var id: UUID
    /// Staff or admin: may see and manage every order.
    var isStaff: Bool

    /// Whether this caller may see `order` (its owner, or staff).
    func canSee(_ order: Order) -> Bool { isStaff || order.customerID == id }
}

extension AppRequestContext {
    /// The calling user: 401 when anonymous, 403 for service tokens and subjects that are no user id.
    func requireOrderCaller() throws -> OrderCaller {
        let principal = try requireUser()
        guard let id = UUID(uuidString: principal.subject) else { throw Problem.forbidden("This endpoint is for users.") }
        return OrderCaller(id: id, isStaff: principal.hasAny(of: [.staff, .admin]))
    }

    /// The `{id}` path parameter as an order id; 404 when it is not a UUID (no such order).
    func orderID() throws -> UUID {
        guard let text = parameters.get("id"), let id = UUID(uuidString: text) else { throw Problem.notFound("No such order.") }
        return id
    }
}

extension Request {
    /// The query parameters as a dictionary (the last of repeated names wins).
    var queryValues: [String: String] {
        Dictionary(uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}

import Contracts
import Foundation
import MercatoCore

/// Where a page of orders continues: the last order's creation time (microseconds since the epoch) and id.
struct OrderCursor: Codable, Sendable, Equatable {
    /// `created_at` in microseconds since 1970.
    var createdAt: Int64
    /// The last order's id.
    var id: UUID

    enum CodingKeys: String, CodingKey {
        case createdAt = "c", id = "i"
    }
}

/// The validated query of `GET /api/v1/orders`.
struct OrderListQuery: Sendable, Equatable {
    /// Default page size.
    static let defaultLimit = 20
    /// Largest page size.
    static let maxLimit = 100

    /// Whose orders; nil for every customer's (staff only).
    var customerID: UUID?
    /// Only orders in this status.
    var status: OrderStatusName?
    /// Page size.
    var limit: Int
    /// Where the page starts.
    var cursor: OrderCursor?

    /// Parses `status`, `limit`, `cursor` and `customer` for `caller`: customers always see their own orders (403 for
    /// another `customer`); staff and admins see every order, or one customer's with `customer=<uuid>`.
    /// 422 for an unknown status, a limit outside 1…100 or a customer that is not a UUID; 400 for a bad cursor.
    static func parse(_ values: [String: String], caller: UUID, isStaff: Bool) throws -> OrderListQuery {
        var validator = FieldValidator()
        var status: OrderStatusName?
        if let text = values["status"] {
            status = OrderStatusName(rawValue: text)
            validator.require(status != nil, "status",
                              "must be one of \(OrderStatusName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var limit = defaultLimit
        if let text = values["limit"] {
            let value = Int(text) ?? 0
            validator.require((1...maxLimit).contains(value), "limit", "must be an integer from 1 to \(maxLimit)")
            limit = value
        }
        var customer: UUID?
        if let text = values["customer"] {
            customer = UUID(uuidString: text)
            validator.require(customer != nil, "customer", "must be a UUID")
        }
        try validator.validate()
        if !isStaff, let customer, customer != caller {
            throw Problem.forbidden("Only staff may list another customer's orders.")
        }
        let cursor = try values["cursor"].map { try PageCursor.decode(OrderCursor.self, from: $0) }
        return OrderListQuery(customerID: isStaff ? customer : caller, status: status, limit: limit, cursor: cursor)
    }
}

import Foundation
import MercatoCore

/// Where a notification page ended: the last item's creation time (microseconds) and id, and the filter it was made for.
struct NotificationCursor: Codable, Sendable, Equatable {
    /// `created_at` in microseconds since the epoch (exact, unlike a `Date`).
    var createdAt: Int64
    /// The last item's id, the tie-breaker.
    var id: UUID
    /// Whether the page listed unread notifications only.
    var unread: Bool

    enum CodingKeys: String, CodingKey {
        case createdAt = "c", id, unread = "u"
    }

    /// Bounds keep a forged cursor inside PostgreSQL's timestamp range.
    static let microsecondRange: ClosedRange<Int64> = -6_000_000_000_000_000...6_000_000_000_000_000
}

/// The parsed query of `GET /api/v1/notifications`: `limit` (1…100, default 20), `cursor`, `unread=true|false`
/// and, for admins only, `userId`.
struct NotificationListQuery: Sendable, Equatable {
    /// Largest page.
    static let maximumLimit = 100
    /// Page size when `limit` is absent.
    static let defaultLimit = 20

    var limit: Int
    var cursor: NotificationCursor?
    var unreadOnly: Bool
    var userID: UUID?

    /// Parses and checks `query`: 422 naming the parameter for a bad `limit`, `unread` or `userId`,
    /// 400 for a cursor that was not made by this endpoint or belongs to the other `unread` filter.
    static func parse(_ query: [String: String]) throws -> NotificationListQuery {
        var validator = FieldValidator()
        var limit = defaultLimit
        if let text = query["limit"] {
            if let value = Int(text), (1...maximumLimit).contains(value) { limit = value } else {
                validator.add("limit", "must be an integer from 1 to \(maximumLimit)")
            }
        }
        var unreadOnly = false
        if let text = query["unread"] {
            switch text.lowercased() {
            case "true": unreadOnly = true
            case "false": unreadOnly = false
            default: validator.add("unread", "must be true or false")
            }
        }
        var userID: UUID?
        if let text = query["userId"] {
            if let id = UUID(uuidString: text) { userID = id } else { validator.add("userId", "must be a UUID") }
        }
        try validator.validate()
        var cursor: NotificationCursor?
        if let text = query["cursor"] {
            let decoded = try PageCursor.decode(NotificationCursor.self, from: text)
            guard NotificationCursor.microsecondRange.contains(decoded.createdAt) else { throw Problem.badRequest("The cursor is not valid.") }
            guard decoded.unread == unreadOnly else { throw Problem.badRequest("The cursor belongs to another `unread` filter.") }
            cursor = decoded
        }
        return NotificationListQuery(limit: limit, cursor: cursor, unreadOnly: unreadOnly, userID: userID)
    }
}

import Contracts
import Hummingbird
import MercatoCore

/// The `limit` and `cursor` of an audit page request (`GET /internal/v1/audit/...`), validated.
public struct AuditPageRequest: Sendable, Equatable {
    /// Page size, 1...`AuditScope.maxLimit`.
    public var limit: Int
    /// The previous page's `next_cursor`, if any.
    public var cursor: String?

    /// Parses `limit` (default `AuditScope.defaultLimit`) and `cursor`; 422 for a limit out of range.
    public init(query: [String: String]) throws {
        cursor = query["cursor"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text = query["limit"] else {
            limit = AuditScope.defaultLimit
            return
        }
        guard let value = Int(text), (1...AuditScope.maxLimit).contains(value) else {
            throw Problem.validation([FieldError(field: "limit", message: "must be an integer from 1 to \(AuditScope.maxLimit)")])
        }
        limit = value
    }

    /// Parses the request's query string (the last of repeated names wins), as `init(query:)` does.
    public init(request: Request) throws {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        try self.init(query: query)
    }
}

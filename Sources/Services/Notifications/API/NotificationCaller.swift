import Foundation
import Hummingbird
import MercatoCore

extension AppRequestContext {
    /// The calling user's id: 401 when anonymous, 403 for service tokens and subjects that are no user id.
    func requireNotificationUser() throws -> UUID {
        let principal = try requireUser()
        guard let id = UUID(uuidString: principal.subject) else { throw Problem.forbidden("This endpoint is for users.") }
        return id
    }
}

extension Request {
    /// The query parameters as a dictionary (the last of repeated names wins).
    var queryValues: [String: String] {
        Dictionary(uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}

/// Makes encodable values Hummingbird responses (JSON, ISO-8601 dates).
extension NotificationRecord: ResponseEncodable {}

/// A page of notifications as a response.
struct NotificationPage: ResponseEncodable, Sendable {
    var page: Page<NotificationRecord>

    /// Encodes as `{"items": […], "next_cursor": …}`.
    func encode(to encoder: any Encoder) throws { try page.encode(to: encoder) }
}

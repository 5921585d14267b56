import Foundation
import Hummingbird
import MercatoCore

/// `GET /api/v1/notifications` and `POST /api/v1/notifications/{id}/read`: the caller's in-app notifications.
struct NotificationRoutes: Sendable {
    let store: NotificationStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/notifications") { request, context in try await list(request, context: context) }
        router.post("/api/v1/notifications/{id}/read") { request, context in try await markRead(request, context: context) }
    }

    /// Newest first, keyset-paginated. `userId` lists another user's notifications and is for admins only
    /// (403 otherwise, unless it names the caller).
    func list(_ request: Request, context: AppRequestContext) async throws -> NotificationPage {
        let caller = try context.requireNotificationUser()
        let query = try NotificationListQuery.parse(request.queryValues)
        let owner = query.userID ?? caller
        if owner != caller, !(context.identity?.hasAny(of: [.admin]) ?? false) {
            throw Problem.forbidden("Only admins may list another user's notifications.")
        }
        return NotificationPage(page: try await store.page(of: owner, query: query))
    }

    /// Marks one of the caller's notifications read; idempotent (the first read time stays).
    /// 422 for an id that is no UUID, 404 when the caller has no such notification. A body, if sent, is ignored
    /// (but must fit the body limit).
    func markRead(_ request: Request, context: AppRequestContext) async throws -> NotificationRecord {
        let caller = try context.requireNotificationUser()
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Problem.validation(field: "id", "must be a UUID")
        }
        var request = request
        _ = try await request.collectBodyWithinLimit(context: context)
        guard let record = try await store.markRead(id, of: caller) else { throw Problem.notFound("No notification with this id.") }
        return record
    }
}

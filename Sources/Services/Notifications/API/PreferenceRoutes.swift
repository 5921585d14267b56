import Foundation
import Hummingbird
import MercatoCore

/// `GET|PUT /api/v1/notifications/preferences`: the caller's topic switches (with `ETag`; `PUT` honours `If-Match`).
struct PreferenceRoutes: Sendable {
    let store: PreferenceStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/notifications/preferences") { _, context in
            let view = try await store.view(of: try context.requireNotificationUser())
            return EditedResponse(headers: [.eTag: PreferencesBody.entityTag(view.version)], response: PreferencesBody(view: view))
        }
        router.put("/api/v1/notifications/preferences") { request, context in try await replace(request, context: context) }
    }

    /// Replaces the switches: 415/413/400/422 for a bad body, 400 for a malformed `If-Match`, 412 when it is stale,
    /// 409 when the account was deleted. Nothing is written unless the answer is 200.
    func replace(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PreferencesBody> {
        let caller = try context.requireNotificationUser()
        let expected = try PreferencesUpdate.version(ifMatch: request.headers[.ifMatch])
        var request = request
        let update = try await request.decodeJSON(as: PreferencesUpdate.self, context: context)
        let view = try await store.replace(update.topics, of: caller, ifMatch: expected)
        return EditedResponse(headers: [.eTag: PreferencesBody.entityTag(view.version)], response: PreferencesBody(view: view))
    }
}

import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/users/me` and its preferences: the signed-in user's own data.
struct ProfileRoutes: Sendable {
    let components: IdentityComponents

    /// Adds the routes to the bearer-authenticated `/api/v1/users` group.
    func add(to users: RouterGroup<AppRequestContext>) {
        let me = users.group("me")
        me.get { _, context in UserResponse(try await currentUser(context)) }
        me.patch { request, context in try await patchProfile(request, context: context) }
        me.get("preferences") { _, context in
            try await components.preferences.get(userID: try await currentUser(context).id)
        }
        me.put("preferences") { request, context in try await putPreferences(request, context: context) }
    }

    /// The active user behind the token; 401 for a service token's subject or a deleted or disabled account.
    func currentUser(_ context: AppRequestContext) async throws -> User {
        let principal = try context.requireUser()
        guard let id = UUID(uuidString: principal.subject), let user = try await components.users.find(id: id), user.isActive else {
            throw Problem.unauthorized("This account is no longer active.")
        }
        return user
    }

    func patchProfile(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        let current = try await currentUser(context)
        var request = request
        let patch = try await request.decodeJSON(as: ProfilePatch.self, context: context)
        _ = try patch.apply(to: current)
        let saved = try await components.database.withTransaction { connection in
            guard let locked = try await UserStore.lock(id: current.id, on: connection), locked.isActive else {
                throw Problem.unauthorized("This account is no longer active.")
            }
            return try await UserStore.save(try patch.apply(to: locked), on: connection)
        }
        return UserResponse(saved)
    }

    func putPreferences(_ request: Request, context: AppRequestContext) async throws -> UserPreferences {
        let user = try await currentUser(context)
        var request = request
        let preferences = try await request.decodeJSON(as: UserPreferences.self, context: context)
        try preferences.validate()
        try await components.preferences.put(preferences, userID: user.id)
        return preferences
    }
}

extension UserPreferences: ResponseEncodable {}

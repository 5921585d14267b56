import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/users` and `/api/v1/users/{id}`: user administration, `admin` role only.
struct AdminUserRoutes: Sendable {
    let components: IdentityComponents

    /// Adds the routes to the bearer-authenticated `/api/v1/users` group.
    func add(to users: RouterGroup<AppRequestContext>) {
        users.get { request, context in try await list(request, context: context) }
        users.get(":id") { _, context in
            _ = try context.requireRole([.admin])
            return UserResponse(try await find(context))
        }
        users.patch(":id") { request, context in try await patch(request, context: context) }
        users.delete(":id") { _, context in try await delete(context) }
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> UserPage {
        _ = try context.requireRole([.admin])
        let parameters = request.uri.queryParameters
        var query = UserListQuery(after: nil, limit: 20, emailPrefix: nil, role: nil)
        var validator = FieldValidator()
        if let raw = parameters["limit"] {
            guard let limit = Int(String(raw)) else { throw Problem.badRequest("limit must be an integer.") }
            validator.require((1...100).contains(limit), "limit", "must be between 1 and 100")
            query.limit = limit
        }
        if let raw = parameters["role"] {
            query.role = Role(rawValue: String(raw))
            validator.require(query.role != nil, "role", "must be one of customer, staff, admin")
        }
        if let raw = parameters["email"] {
            query.emailPrefix = EmailAddress.normalize(String(raw))
            validator.require(!ProfileRules.hasControlCharacters(String(raw)), "email", "must not contain control characters")
        }
        if let raw = parameters["cursor"] { query.after = try PageCursor.decode(UserListQuery.Position.self, from: String(raw)) }
        try validator.validate()
        let result = try await query.run(on: components.database)
        return UserPage(page: Page(items: result.users.map(UserResponse.init), nextCursor: result.next.map(PageCursor.encode)))
    }

    func patch(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        let admin = try context.requireRole([.admin])
        let id = try Self.userID(context)
        var request = request
        let patch = try await request.decodeJSON(as: AdminUserPatch.self, context: context)
        let saved = try await components.database.withTransaction { connection in
            guard let current = try await UserStore.lock(id: id, on: connection) else { throw Self.noSuchUser }
            guard current.deletedAt == nil else { throw Problem.conflict("The user has been deleted.") }
            let updated = try patch.apply(to: current)
            if admin.subject == id.uuidString.lowercased(), updated.disabled || !updated.roles.contains(.admin) {
                throw Problem.conflict("Admins cannot disable themselves or remove their own admin role.")
            }
            if updated.disabled && !current.disabled {
                try await RefreshTokenStore.revokeAll(userID: id, on: connection)
            }
            return try await UserStore.save(updated, on: connection)
        }
        context.logger.info("user updated by admin", metadata: ["user_id": "\(id)"])
        return UserResponse(saved)
    }

    func delete(_ context: AppRequestContext) async throws -> HTTPResponse.Status {
        let admin = try context.requireRole([.admin])
        let id = try Self.userID(context)
        guard admin.subject != id.uuidString.lowercased() else { throw Problem.conflict("Admins cannot delete themselves.") }
        try await components.database.withTransaction { connection in
            guard let current = try await UserStore.lock(id: id, on: connection) else { throw Self.noSuchUser }
            guard current.deletedAt == nil else { return }
            try await UserStore.anonymize(id: id, on: connection)
            try await RefreshTokenStore.revokeAll(userID: id, on: connection)
        }
        context.logger.info("user deleted", metadata: ["user_id": "\(id)"])
        return .noContent
    }

    private func find(_ context: AppRequestContext) async throws -> User {
        guard let user = try await components.users.find(id: try Self.userID(context)) else { throw Self.noSuchUser }
        return user
    }

    /// The `{id}` path parameter; anything but a UUID names no user.
    static func userID(_ context: AppRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw noSuchUser }
        return id
    }

    static let noSuchUser = Problem.notFound("No such user.")
}

import Hummingbird

/// Protects `/internal/...` routes: only service (client-credentials) tokens addressed to this
/// service and holding every required scope pass. No token → 401; a user token, another audience or
/// a missing scope → 403. Add it to the internal route group after `BearerAuthMiddleware`.
public struct InternalRouteGuard: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    /// The audience service tokens must carry (this service's `auth.serviceAudience`).
    public let audience: String
    /// Scopes every caller must hold.
    public let requiredScopes: Set<String>

    /// A guard demanding `audience` and `requiredScopes`.
    public init(audience: String, requiredScopes: Set<String> = []) {
        self.audience = audience
        self.requiredScopes = requiredScopes
    }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireService(audience: audience, scopes: requiredScopes)
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// A service caller whose token names `audience` and holds all `scopes`; 401 when anonymous,
    /// 403 for a user token, another audience or a missing scope.
    public func requireService(audience: String, scopes: Set<String> = []) throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.isService else { throw Problem.forbidden("This endpoint is for services.") }
        guard principal.audiences.contains(audience) else { throw Problem.forbidden("The service token is not meant for this service.") }
        let missing = scopes.subtracting(principal.scopes)
        guard missing.isEmpty else { throw Problem.forbidden("The service token lacks scope \(missing.sorted().joined(separator: " ")).") }
        return principal
    }
}

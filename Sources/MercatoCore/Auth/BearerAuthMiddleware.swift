import Hummingbird
import HummingbirdAuth

/// Verifies `Authorization: Bearer …` when present and sets `context.identity`.
/// A present but invalid bearer token is refused with 401; no header, or another scheme (such as
/// HTTP Basic for `/oauth/token`), leaves the request anonymous and the route decides
/// (`requirePrincipal`, `requireRole`).
public struct BearerAuthMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    private let verifier: AccessTokenVerifier

    /// A middleware verifying with `verifier`.
    public init(verifier: AccessTokenVerifier) { self.verifier = verifier }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer " else {
            return try await next(request, context)
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let claims: AccessTokenClaims
        do {
            claims = try await verifier.verify(token)
        } catch let failure as JSONWebToken.Failure {
            throw Problem.unauthorized(failure == .expired ? "The access token has expired." : "The access token is not valid.")
        } catch {
            context.logger.warning("token verification unavailable", metadata: ["error": "\(error)"])
            throw Problem.unavailable("Tokens cannot be verified right now.")
        }
        var context = context
        context.identity = claims.principal
        context.logger[metadataKey: "subject"] = .string(claims.subject)
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The caller, or 401 when anonymous.
    public func requirePrincipal() throws -> Principal {
        guard let identity else { throw Problem.unauthorized() }
        return identity
    }

    /// The caller when they hold one of `roles`; 401 when anonymous, 403 otherwise.
    public func requireRole(_ roles: Set<Role>) throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.hasAny(of: roles) else { throw Problem.forbidden() }
        return principal
    }

    /// A user (not a service client) caller; 401 when anonymous, 403 for a service token.
    public func requireUser() throws -> Principal {
        let principal = try requirePrincipal()
        guard !principal.isService else { throw Problem.forbidden("This endpoint is for users.") }
        return principal
    }
}

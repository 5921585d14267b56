import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into an RFC 9457 problem response: known problems as they are, a database that is away
/// (`DatabaseUnavailable`) as 503 with `Retry-After`, Hummingbird's errors by status (a known path with another
/// method becomes 405), anything else 500 with no internals — logged with the request id.
public struct ProblemMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    private let routes: RouteTable

    /// A middleware that answers 405 for paths found in `routes`.
    public init(routes: RouteTable) { self.routes = routes }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            return response
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let unavailable as DatabaseUnavailable {
            context.logger.warning("request failed: database unavailable", metadata: ["error": .string(unavailable.description)])
            return try Problem.unavailable("The service's database cannot be reached right now. Try again shortly.",
                                           retryAfterSeconds: unavailable.retryAfterSeconds).response(from: request, context: context)
        } catch let error as HTTPError {
            if error.status == .notFound, context.endpointPath == "NotFound" {
                let allowed = routes.methods(forPath: request.uri.path)
                if !allowed.isEmpty {
                    return try Problem.methodNotAllowed(allowed: allowed).response(from: request, context: context)
                }
                return try Problem.notFound("No route for \(request.method.rawValue) \(request.uri.path).").response(from: request, context: context)
            }
            if error.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            }
            var problem = Problem.forStatus(error.status, detail: error.status.code < 500 ? error.body : nil)
            problem.headers.append(contentsOf: error.headers.filter { $0.name != .contentType && $0.name != .contentLength })
            return try problem.response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return try Problem.forStatus(error.status).response(from: request, context: context)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            return try Problem.internalError.response(from: request, context: context)
        }
    }
}

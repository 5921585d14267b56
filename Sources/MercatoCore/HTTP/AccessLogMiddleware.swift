import Hummingbird
import Logging

/// Writes one log line per request after it completes: method, route, path, status and duration.
/// Runs inside the request's span, so the line carries `trace_id`, `span_id` and `request_id`.
public struct AccessLogMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    private let level: Logger.Level

    /// A middleware logging at `level`.
    public init(level: Logger.Level = .info) { self.level = level }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(level: response.status.code >= 500 ? .error : level, "request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "route": .string(context.endpointPath ?? "NotFound"),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible((milliseconds * 100).rounded() / 100),
        ])
        return response
    }
}

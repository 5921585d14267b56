import HTTPTypes
import Hummingbird
import Resilience

/// Honours the caller's `X-Request-Timeout-Ms`: the remaining budget becomes the request's deadline in
/// `ServiceContext`, so every downstream call made through `ResilientHTTPClient` gets only the time that is left
/// (and passes it on). A budget already spent is refused with 504 before any work starts; a malformed value is
/// ignored (the header is advisory, like `traceparent`). Work that has started is not cut at the deadline: a
/// half-done write would leave the caller unsure what happened, and idempotency keys make a retry safe anyway.
public struct RequestDeadlineMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    private let clock: any Clock<Duration>

    /// A middleware measuring budgets on `clock`.
    public init(clock: any Clock<Duration> = ContinuousClock()) { self.clock = clock }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[Self.headerName], let remaining = RequestTimeoutHeader.remaining(from: header) else {
            return try await next(request, context)
        }
        guard remaining > .zero else { throw Problem.deadlineExceeded() }
        return try await withDeadline(remaining, clock: clock) { try await next(request, context) }
    }

    static let headerName = HTTPField.Name(RequestTimeoutHeader.name)!
}

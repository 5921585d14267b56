import Foundation
import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static let requestID = HTTPField.Name("X-Request-Id")!
}

/// Accepts the caller's `X-Request-Id` (or makes one), puts it in every log line of the
/// request as `request_id`, echoes it on the response, and applies the body limit.
public struct RequestIDMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = AppRequestContext
    private let bodyLimit: Int

    /// A middleware applying `bodyLimit` bytes to request bodies.
    public init(bodyLimit: Int) { self.bodyLimit = bodyLimit }

    /// Handles one request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.acceptable(request.headers[.requestID]) ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.bodyLimit = bodyLimit
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    /// A caller-supplied id is kept when it is 1–128 visible ASCII characters.
    static func acceptable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}

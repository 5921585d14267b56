import Foundation
import HTTPTypes
import Hummingbird

/// One invalid field of a request, reported inside a 422 problem.
public struct FieldError: Codable, Sendable, Equatable {
    /// JSON path of the field, e.g. `price.amount`.
    public var field: String
    /// What is wrong with it, in words a client developer can act on.
    public var message: String

    /// A field error for `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// An RFC 9457 problem: the one error shape Mercato puts on the wire (`application/problem+json`).
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// A URI reference naming the problem type, e.g. `/problems/validation-failed`.
    public var type: String
    /// Short summary of the problem type.
    public var title: String
    /// Explanation of this occurrence, safe to show to the client (never internals).
    public var detail: String?
    /// Field errors, for validation problems.
    public var errors: [FieldError]?
    /// Extra response headers such as `Retry-After`, `Allow` or `WWW-Authenticate`.
    public var headers: HTTPFields

    /// A problem with the given parts.
    public init(status: HTTPResponse.Status, type: String, title: String, detail: String? = nil, errors: [FieldError]? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// Renders the problem with `instance` set to the request path.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ProblemBody(
            type: type, title: title, status: Int(status.code), detail: detail,
            instance: request.uri.path, errors: errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The JSON members of a problem document.
struct ProblemBody: Codable, Equatable {
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var errors: [FieldError]?
}

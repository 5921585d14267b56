import HTTPTypes
import Hummingbird

/// The problems every service uses, one constructor per kind; each has its own `type` URI.
extension Problem {
    /// 400: the request is malformed (bad JSON, bad query parameter, bad cursor).
    public static func badRequest(_ detail: String) -> Problem {
        Problem(status: .badRequest, type: "/problems/bad-request", title: "Bad request", detail: detail)
    }

    /// 401: no valid credentials. `WWW-Authenticate: Bearer` tells the client what to send.
    public static func unauthorized(_ detail: String = "A valid bearer token is required.") -> Problem {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer realm="mercato""#
        return Problem(status: .unauthorized, type: "/problems/unauthorized", title: "Unauthorized", detail: detail, headers: headers)
    }

    /// 403: authenticated but not allowed.
    public static func forbidden(_ detail: String = "You are not allowed to do this.") -> Problem {
        Problem(status: .forbidden, type: "/problems/forbidden", title: "Forbidden", detail: detail)
    }

    /// 404: the resource or route does not exist.
    public static func notFound(_ detail: String = "No such resource.") -> Problem {
        Problem(status: .notFound, type: "/problems/not-found", title: "Not found", detail: detail)
    }

    /// 405: the path exists but not with this method; `Allow` lists the methods it has.
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> Problem {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return Problem(status: .methodNotAllowed, type: "/problems/method-not-allowed", title: "Method not allowed",
                       detail: "This resource does not support that method.", headers: headers)
    }

    /// 409: the request conflicts with the current state (duplicate, still in use).
    public static func conflict(_ detail: String) -> Problem {
        Problem(status: .conflict, type: "/problems/conflict", title: "Conflict", detail: detail)
    }

    /// 412: `If-Match` named a version that is no longer current.
    public static func preconditionFailed(_ detail: String) -> Problem {
        Problem(status: .preconditionFailed, type: "/problems/precondition-failed", title: "Precondition failed", detail: detail)
    }

    /// 428: an `If-Match` header is required for this change.
    public static func preconditionRequired(_ detail: String) -> Problem {
        Problem(status: .preconditionRequired, type: "/problems/precondition-required", title: "Precondition required", detail: detail)
    }

    /// 413: the body is larger than the configured limit.
    public static func payloadTooLarge(limit: Int) -> Problem {
        Problem(status: .contentTooLarge, type: "/problems/payload-too-large", title: "Payload too large",
                detail: "The request body exceeds the limit of \(limit) bytes.")
    }

    /// 415: the body is not in a media type this endpoint accepts.
    public static func unsupportedMediaType(expected: String) -> Problem {
        Problem(status: .unsupportedMediaType, type: "/problems/unsupported-media-type", title: "Unsupported media type",
                detail: "The request body must be \(expected).")
    }

    /// 422: the body is well-formed but some fields are invalid.
    public static func validation(_ errors: [FieldError]) -> Problem {
        Problem(status: .unprocessableContent, type: "/problems/validation-failed", title: "Validation failed",
                detail: "One or more fields are invalid.", errors: errors)
    }

    /// 422 for a single field.
    public static func validation(field: String, _ message: String) -> Problem {
        validation([FieldError(field: field, message: message)])
    }

    /// 429: too many attempts; `Retry-After` says when to try again.
    public static func tooManyRequests(retryAfterSeconds: Int, _ detail: String = "Too many attempts. Try again later.") -> Problem {
        var headers = HTTPFields()
        headers[.retryAfter] = String(max(1, retryAfterSeconds))
        return Problem(status: .tooManyRequests, type: "/problems/too-many-requests", title: "Too many requests", detail: detail, headers: headers)
    }

    /// 503: the service is not ready or shutting down; with `retryAfterSeconds`, a `Retry-After` header.
    public static func unavailable(_ detail: String, retryAfterSeconds: Int? = nil) -> Problem {
        var headers = HTTPFields()
        if let retryAfterSeconds { headers[.retryAfter] = String(max(1, retryAfterSeconds)) }
        return Problem(status: .serviceUnavailable, type: "/problems/unavailable", title: "Service unavailable", detail: detail,
                       headers: headers)
    }

    /// 504: the caller's time budget (`X-Request-Timeout-Ms`) ran out before the work could start.
    public static func deadlineExceeded(_ detail: String = "The request's time budget ran out before it could be handled.") -> Problem {
        Problem(status: .gatewayTimeout, type: "/problems/deadline-exceeded", title: "Deadline exceeded", detail: detail)
    }

    /// 500: something failed on our side; the detail never carries internals.
    public static let internalError = Problem(
        status: .internalServerError, type: "/problems/internal-error", title: "Internal server error",
        detail: "The server failed to handle the request. It has been logged with the request id.")

    /// The problem for a status that Hummingbird or a handler reported without a problem of its own.
    public static func forStatus(_ status: HTTPResponse.Status, detail: String? = nil) -> Problem {
        switch status {
        case .badRequest: return .badRequest(detail ?? "The request is malformed.")
        case .unauthorized: return .unauthorized()
        case .forbidden: return .forbidden()
        case .notFound: return .notFound()
        case .contentTooLarge: return Problem(status: status, type: "/problems/payload-too-large", title: "Payload too large", detail: detail ?? "The request body is too large.")
        case .unsupportedMediaType: return Problem(status: status, type: "/problems/unsupported-media-type", title: "Unsupported media type", detail: detail)
        case .tooManyRequests: return Problem(status: status, type: "/problems/too-many-requests", title: "Too many requests", detail: detail)
        default:
            if status.code >= 500 { return .internalError }
            return Problem(status: status, type: "about:blank", title: status.reasonPhrase, detail: detail)
        }
    }
}

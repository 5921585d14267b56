/// The parts every service's OpenAPI 3.1 document shares: the platform paths, the problem and readiness schemas, the
/// problem responses, the paging parameters and the token schemes. Fragments are YAML written from column 0;
/// `PlatformOpenAPI.document` indents them into place.
public enum PlatformOpenAPI {
    /// `/health/live`, `/health/ready`, `/metrics` and `/openapi.yaml`; `metrics` describes the service's own metrics.
    public static func platformPaths(metrics: String?) -> String {
        let metricsDescription = metrics.map { "    description: |\n" + indented($0, by: 6) + "\n" } ?? ""
        return #"""
/health/live:
  get:
    tags: [platform]
    operationId: live
    summary: Liveness
    security: []
    responses:
      "200":
        description: The process is up.
        content:
          application/json:
            schema:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [up]}
/health/ready:
  get:
    tags: [platform]
    operationId: ready
    summary: Readiness (database, migrations and the service's own dependencies)
    security: []
    responses:
      "200":
        description: Ready.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ReadinessReport"}
      "503":
        description: Not ready, or shutting down.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ReadinessReport"}
/metrics:
  get:
    tags: [platform]
    operationId: metrics
    summary: Prometheus metrics
\#(metricsDescription)    security: []
    responses:
      "200":
        description: Metrics in the Prometheus text format.
        content:
          text/plain:
            schema: {type: string}
/openapi.yaml:
  get:
    tags: [platform]
    operationId: openAPI
    summary: This document
    security: []
    responses:
      "200":
        description: The OpenAPI document.
        content:
          application/yaml:
            schema: {type: string}
"""#
    }

    /// The `bearer` scheme for user access tokens; `description` says which tokens the service's user routes take.
    public static func bearerScheme(_ description: String) -> String {
        """
        bearer:
          type: http
          scheme: bearer
          bearerFormat: JWT
          description: \(description)
        """
    }

    /// The `service` scheme for client-credentials tokens addressed to `audience` (the `/internal/...` routes).
    public static func serviceScheme(audience: String) -> String {
        """
        service:
          type: http
          scheme: bearer
          bearerFormat: JWT
          description: A client-credentials token from identity (`POST /oauth/token`) with audience `\(audience)` and the scope the route names (`audit` for the audit routes); user tokens get 403.
        """
    }

    /// `Limit` (user-facing pages), `AuditLimit` (audit pages, see `AuditScope.maxLimit`) and `Cursor`.
    public static let parameters = #"""
Limit:
  name: limit
  in: query
  description: Page size, 1–100 (others get 422).
  schema: {type: integer, minimum: 1, maximum: 100, default: 20}
AuditLimit:
  name: limit
  in: query
  description: Page size, 1–5000 (others get 422).
  schema: {type: integer, minimum: 1, maximum: 5000, default: 500}
Cursor:
  name: cursor
  in: query
  description: The `next_cursor` of the previous page (opaque; a forged one gets 400).
  schema: {type: string, maxLength: 1024}
"""#

    /// The problem responses every service can answer; a route names the ones it produces.
    public static let responses = [
        problemResponse("BadRequest", "Malformed JSON body, query parameter, header or cursor."),
        problemResponse("Unauthorized", "No token where one is needed, or an invalid or expired token.",
                        headers: "WWW-Authenticate:\n  schema: {type: string}"),
        problemResponse("Forbidden", """
            The token may not do this (a service token on a user route, a user token or a service token for another \
            audience or scope on an internal route, or a user without the role or ownership the route needs).
            """),
        problemResponse("NotFound", "No such resource, or not one the caller may see."),
        problemResponse("PreconditionFailed", "If-Match names a version that is no longer current."),
        problemResponse("PayloadTooLarge", "The body exceeds the configured limit (`http.bodyLimit`)."),
        problemResponse("UnsupportedMediaType", "The body is not JSON (wrong or missing Content-Type)."),
        problemResponse("ValidationFailed", "Well-formed but invalid; `errors` names each field or parameter."),
        problemResponse("Unavailable", "A bearer token was sent but the signing keys cannot be fetched to verify it right now."),
        problemResponse("InternalError", "Unexpected failure; logged with the request id, no internals in the answer."),
    ].joined(separator: "\n")

    /// `Problem` (RFC 9457 with field errors) and `ReadinessReport` (the `/health/ready` body).
    public static let schemas = #"""
Problem:
  type: object
  required: [type, title, status]
  properties:
    type: {type: string}
    title: {type: string}
    status: {type: integer}
    detail: {type: string}
    instance: {type: string}
    errors:
      type: array
      items:
        type: object
        required: [field, message]
        properties:
          field: {type: string}
          message: {type: string}
ReadinessReport:
  type: object
  required: [status, checks]
  properties:
    status: {type: string, enum: [up, down]}
    checks:
      type: array
      items:
        type: object
        required: [name, status, duration_ms]
        properties:
          name: {type: string}
          status: {type: string, enum: [up, down]}
          error: {type: string}
          duration_ms: {type: number}
"""#

    /// A response component `name` with an `application/problem+json` body; `headers` is YAML from column 0.
    public static func problemResponse(_ name: String, _ description: String, headers: String? = nil) -> String {
        let headerLines = headers.map { "  headers:\n" + indented($0, by: 4) + "\n" } ?? ""
        return """
            \(name):
              description: \(description)
            \(headerLines)  content:
                application/problem+json:
                  schema: {$ref: "#/components/schemas/Problem"}
            """
    }

    /// A user-facing page schema `name` of `item`s (`PageCursor`'s shape): `next_cursor` is always present, null on the
    /// last page.
    public static func pageSchema(_ name: String, of item: String) -> String {
        """
        \(name):
          type: object
          required: [items, next_cursor]
          properties:
            items:
              type: array
              items: {$ref: "#/components/schemas/\(item)"}
            next_cursor: {type: [string, "null"]}
        """
    }

    /// An audit page schema `name` of `item`s (`AuditPage`'s shape): `next_cursor` is absent on the last page.
    public static func auditPageSchema(_ name: String, of item: String) -> String {
        """
        \(name):
          type: object
          required: [items]
          properties:
            items:
              type: array
              items: {$ref: "#/components/schemas/\(item)"}
            next_cursor: {type: string, description: Absent on the last page.}
        """
    }
}

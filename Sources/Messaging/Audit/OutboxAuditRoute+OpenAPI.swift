extension OutboxAuditRoute {
    /// The route's OpenAPI path item, YAML from column 0, for `PlatformOpenAPI.document`'s `paths` (tag `internal`,
    /// the `service` security scheme).
    public static let openAPIPath = #"""
/internal/v1/audit/outbox:
  get:
    tags: [internal]
    operationId: auditOutbox
    summary: Events not yet published, for `mercato check` (service token, scope audit)
    security:
      - service: []
    responses:
      "200":
        description: How many outbox rows are unsent and the age of the oldest.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OutboxAudit"}
      problems: [401, 403, 500, 503]
"""#

    /// The `OutboxAudit` schema the path answers with, YAML from column 0, for `PlatformOpenAPI.document`'s `schemas`.
    public static let openAPISchema = #"""
OutboxAudit:
  type: object
  required: [unsent, oldest_unsent_age_seconds]
  properties:
    unsent: {type: integer, minimum: 0}
    oldest_unsent_age_seconds: {type: number, minimum: 0}
"""#
}

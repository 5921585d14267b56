import MercatoCore

extension OutboxAuditRoute {
    /// The routes' OpenAPI path items, YAML from column 0, for `PlatformOpenAPI.document`'s `paths` (tag `internal`,
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
"""# + "\n" + AuditListOpenAPI.path(
        "/internal/v1/audit/outbox/events", operationID: "auditOutboxEvents",
        summary: "Events the outbox relay has sent and still keeps (sent rows are pruned after outbox.retention), for `mercato check`",
        order: "One page, oldest first (by the outbox sequence).", pageSchema: "OutboxEventAuditPage")

    /// The `OutboxAudit` and `OutboxEventAudit` schemas (and the page of the latter) the paths answer with, YAML from
    /// column 0, for `PlatformOpenAPI.document`'s `schemas`.
    public static let openAPISchema = #"""
OutboxAudit:
  type: object
  required: [unsent, oldest_unsent_age_seconds]
  properties:
    unsent: {type: integer, minimum: 0}
    oldest_unsent_age_seconds: {type: number, minimum: 0}
OutboxEventAudit:
  type: object
  required: [event_id, event_type, sent_at]
  properties:
    event_id: {type: string, format: uuid}
    event_type: {type: string, description: "The CloudEvents type, e.g. mercato.orders.order-created.v1."}
    sent_at: {type: string, format: date-time, description: When the broker confirmed the event.}
"""# + "\n" + PlatformOpenAPI.auditPageSchema("OutboxEventAuditPage", of: "OutboxEventAudit")
}

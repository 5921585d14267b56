import MercatoCore

extension InboxAuditRoute {
    /// The routes' OpenAPI path items, YAML from column 0, for `PlatformOpenAPI.document`'s `paths` (tag `internal`,
    /// the `service` security scheme).
    public static let openAPIPath = #"""
/internal/v1/audit/inbox:
  get:
    tags: [internal]
    operationId: auditInbox
    summary: The event types this service consumes and what its inbox holds, for `mercato check` (service token, scope audit)
    security:
      - service: []
    responses:
      "200":
        description: The bound event types, the number of handled events and when the oldest kept one was handled.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/InboxAudit"}
      problems: [401, 403, 500, 503]
"""# + "\n" + AuditListOpenAPI.path(
        "/internal/v1/audit/inbox/events", operationID: "auditInboxEvents",
        summary: "Every event this service's inbox holds, for `mercato check`", order: "One page, by event id.",
        pageSchema: "InboxEventAuditPage")

    /// The `InboxAudit` and `InboxEventAudit` schemas and the page, YAML from column 0, for `PlatformOpenAPI.document`'s
    /// `schemas`.
    public static let openAPISchema = #"""
InboxAudit:
  type: object
  required: [consumer, event_types, received]
  properties:
    consumer: {type: string, description: The inbox consumer name (the service's name).}
    event_types:
      type: array
      description: The CloudEvents types the service handles, sorted; its queue is bound to exactly these.
      items: {type: string}
    received: {type: integer, minimum: 0, description: Events in the inbox.}
    oldest_received_at: {type: string, format: date-time, description: When the oldest kept event was handled; absent when the inbox is empty.}
InboxEventAudit:
  type: object
  required: [event_id, event_type, received_at]
  properties:
    event_id: {type: string, format: uuid}
    event_type: {type: string}
    received_at: {type: string, format: date-time}
"""# + "\n" + PlatformOpenAPI.auditPageSchema("InboxEventAuditPage", of: "InboxEventAudit")
}

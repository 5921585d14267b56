/// The OpenAPI path item of a keyset-paged audit list for `mercato check` (tag `internal`, the `service` security
/// scheme, the shared `AuditLimit` and `Cursor` parameters), YAML from column 0.
enum AuditListOpenAPI {
    /// `GET path` answering one page of `pageSchema`, ordered as `order` says.
    static func path(_ path: String, operationID: String, summary: String, order: String, pageSchema: String) -> String {
        """
        \(path):
          get:
            tags: [internal]
            operationId: \(operationID)
            summary: \(summary) (service token, scope audit)
            security:
              - service: []
            parameters:
              - $ref: "#/components/parameters/AuditLimit"
              - $ref: "#/components/parameters/Cursor"
            responses:
              "200":
                description: \(order)
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/\(pageSchema)"}
              problems: [400, 401, 403, 422, 503]
        """
    }
}

/// The orders OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/orders.yaml`.
enum OrdersOpenAPI {
    /// The document.
    static let document = #"""
openapi: 3.1.0
"""#
}

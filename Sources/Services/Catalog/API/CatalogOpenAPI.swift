/// The catalog's OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/catalog.yaml`.
enum CatalogOpenAPI {
    /// The document.
    static let document = #"""
openapi: 3.1.0
info:
  title: Mercato catalog
  version: 1.0.0
paths: {}
"""#
}

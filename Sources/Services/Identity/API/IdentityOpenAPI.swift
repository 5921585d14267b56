/// The identity service's OpenAPI 3.1 document, also at docs/api/identity.yaml.
enum IdentityOpenAPI {
    static let document = #"""
openapi: 3.1.0
"""#
}

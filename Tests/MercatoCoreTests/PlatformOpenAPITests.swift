import MercatoCore
import Testing

@Suite struct PlatformOpenAPITests {
    @Test func documentIndentsFragmentsUnderTheirSections() {
        let document = PlatformOpenAPI.document(
            header: "info:\n  title: T\n  version: 1.0.0", metrics: "Counts `x`.",
            paths: ["/things:\n  get:\n    description: |\n      One.\n\n      Two.\n    responses:\n      problems: [401, 503]"],
            securitySchemes: [PlatformOpenAPI.bearerScheme("A user token.")],
            schemas: ["Thing:\n  type: object"])
        #expect(document.hasPrefix("openapi: 3.1.0\ninfo:\n  title: T\n"))
        #expect(document.contains("\n  /health/live:\n"))
        #expect(document.contains("\n      summary: Prometheus metrics\n      description: |\n        Counts `x`.\n      security: []\n"))
        #expect(document.contains("\n  /things:\n    get:\n      description: |\n        One.\n\n        Two.\n"))
        #expect(document.contains("""
                  responses:
                    "401": {$ref: "#/components/responses/Unauthorized"}
                    "503": {$ref: "#/components/responses/Unavailable"}
            """))
        #expect(document.contains("\n  securitySchemes:\n    bearer:\n      type: http\n"))
        #expect(document.contains("\n    Problem:\n      type: object\n"))
        #expect(document.hasSuffix("\n    Thing:\n      type: object"))
        #expect(!document.contains("problems:") && !document.contains(" \n"))
    }

    @Test func problemResponseCarriesHeaders() {
        let response = PlatformOpenAPI.problemResponse("Busy", "Too busy.", headers: "Retry-After:\n  schema: {type: integer}")
        #expect(response == """
            Busy:
              description: Too busy.
              headers:
                Retry-After:
                  schema: {type: integer}
              content:
                application/problem+json:
                  schema: {$ref: "#/components/schemas/Problem"}
            """)
    }
}

import Foundation
import Testing

/// `docs/api/<service>.yaml`, the checked-in copy of a service's served OpenAPI document (the document plus a newline).
/// Run the OpenAPI tests with `MERCATO_WRITE_OPENAPI_DOCS=1` to rewrite the copies from the served documents.
public enum OpenAPIDocsFile {
    /// The copy's location in this repository.
    public static func url(service: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/api/\(service).yaml")
    }

    /// Asserts the copy equals `document`; with `MERCATO_WRITE_OPENAPI_DOCS=1` it writes the copy first.
    public static func expectMatches(_ document: String, service: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = url(service: service)
        if ProcessInfo.processInfo.environment["MERCATO_WRITE_OPENAPI_DOCS"] == "1" {
            try (document + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == document + "\n", "docs/api/\(service).yaml differs from the served document", sourceLocation: sourceLocation)
    }

    /// Asserts `document` has a path item for each of `paths` (written without the trailing colon) and for the
    /// platform paths every service serves.
    public static func expectPaths(_ paths: [String], in document: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for path in ["/health/live", "/health/ready", "/metrics", "/openapi.yaml"] + paths {
            #expect(document.contains("\n  \(path):\n"), "\(path) is not documented", sourceLocation: sourceLocation)
        }
    }
}

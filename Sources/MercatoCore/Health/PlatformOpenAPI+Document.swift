import Foundation

extension PlatformOpenAPI {
    /// A service's OpenAPI 3.1 document: its `header` (`info`, `servers`, `security`, `tags`), the platform paths then
    /// its own `paths`, and its components after the shared ones. Every fragment is YAML written from column 0
    /// (paths and component entries are indented here); `metrics` describes the service's own metrics. In `paths`, a line
    /// `problems: [400, 401]` among an operation's responses stands for the problem responses of those statuses.
    public static func document(header: String, metrics: String? = nil, paths: [String], securitySchemes: [String],
                                parameters: [String] = [], headers: [String] = [], responses: [String] = [],
                                schemas: [String]) -> String {
        /// A section's fragments, indented under its key.
        func section(_ key: String, _ fragments: [String], by spaces: Int) -> [String] {
            fragments.isEmpty ? [] : [key] + fragments.map { indented($0, by: spaces) }
        }
        var lines: [String] = ["openapi: 3.1.0", header]
        lines += section("paths:", [platformPaths(metrics: metrics)] + paths.map(expandingProblems), by: 2)
        lines.append("components:")
        lines += section("  securitySchemes:", securitySchemes, by: 4)
        lines += section("  parameters:", [self.parameters] + parameters, by: 4)
        lines += section("  headers:", headers, by: 4)
        lines += section("  responses:", [self.responses] + responses, by: 4)
        lines += section("  schemas:", [self.schemas] + schemas, by: 4)
        return lines.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n")
    }

    /// `text` with every non-empty line indented by `spaces` (empty lines stay empty, so block scalars keep no
    /// trailing blanks).
    public static func indented(_ text: String, by spaces: Int) -> String {
        let padding = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : padding + $0 }
            .joined(separator: "\n")
    }

    /// The problem response component a status names in a `problems: [...]` line; `Conflict`, `PreconditionRequired`
    /// and `TooManyRequests` are defined by the services that answer them (their meaning is the service's own).
    public static let problemResponseNames: [Int: String] = [
        400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 412: "PreconditionFailed",
        413: "PayloadTooLarge", 415: "UnsupportedMediaType", 422: "ValidationFailed", 428: "PreconditionRequired",
        429: "TooManyRequests", 500: "InternalError", 503: "Unavailable",
    ]

    /// `paths` with every `problems: [...]` line replaced by one `"<status>": {$ref: …}` line per status, at its indentation.
    static func expandingProblems(_ paths: String) -> String {
        paths.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("problems: ["), body.hasSuffix("]") else { return String(line) }
            let indentation = String(repeating: " ", count: line.count - body.count)
            return body.dropFirst("problems: [".count).dropLast().split(separator: ",").map { code in
                let status = code.trimmingCharacters(in: .whitespaces)
                guard let name = Int(status).flatMap({ problemResponseNames[$0] }) else {
                    preconditionFailure("no problem response for status \(status) in an OpenAPI fragment")
                }
                return ##"\##(indentation)"\##(status)": {$ref: "#/components/responses/\##(name)"}"##
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

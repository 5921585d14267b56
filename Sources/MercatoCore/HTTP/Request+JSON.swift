import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// Decodes a JSON body as `T`, answering with the right problem when it cannot:
    /// 415 for another media type, 413 over the body limit, 400 for malformed JSON,
    /// 422 (with the field) for a missing or mistyped member.
    public mutating func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        try requireMediaType(isJSON: MediaTypeCheck.isJSON, expected: "application/json")
        let data = try await collectBodyWithinLimit(context: context)
        return try JSONBody.decode(type, from: data)
    }

    /// Reads the whole body, or throws 413 when it exceeds `context.bodyLimit`.
    public mutating func collectBodyWithinLimit(context: AppRequestContext) async throws -> Data {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > context.bodyLimit {
            throw Problem.payloadTooLarge(limit: context.bodyLimit)
        }
        do {
            let buffer = try await collectBody(upTo: context.bodyLimit)
            return Data(buffer: buffer)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.payloadTooLarge(limit: context.bodyLimit)
        }
    }

    /// Throws 415 unless the `Content-Type` passes `isJSON` (a missing one fails too).
    func requireMediaType(isJSON: (String) -> Bool, expected: String) throws {
        guard let contentType = headers[.contentType], isJSON(contentType) else {
            throw Problem.unsupportedMediaType(expected: expected)
        }
    }

    /// Reads a form-encoded body (`application/x-www-form-urlencoded`) into a dictionary.
    public mutating func decodeForm(context: AppRequestContext) async throws -> [String: String] {
        try requireMediaType(isJSON: { MediaTypeCheck.essence($0) == "application/x-www-form-urlencoded" },
                             expected: "application/x-www-form-urlencoded")
        let data = try await collectBodyWithinLimit(context: context)
        guard let text = String(data: data, encoding: .utf8) else { throw Problem.badRequest("The form body is not UTF-8.") }
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            result[key] = value
        }
        return result
    }
}

/// Media type checks for `Content-Type` values.
public enum MediaTypeCheck {
    /// The type/subtype without parameters, lowercased.
    public static func essence(_ value: String) -> String {
        value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// True for `application/json` and `application/*+json`.
    public static func isJSON(_ value: String) -> Bool {
        let type = essence(value)
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }
}

/// JSON bodies: decoding that turns Swift's `DecodingError` into problems a client can act on.
public enum JSONBody {
    /// Decodes `type` from `data`: 400 when the text is not JSON, 422 naming the field otherwise.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        // PostgreSQL cannot store NUL in text; refuse it here rather than fail in the database.
        if data.range(of: Data(#"\u0000"#.utf8)) != nil || data.contains(0) {
            throw Problem.validation(field: "(body)", "strings must not contain NUL characters")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw problem(for: error)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.badRequest("The request body is not valid JSON.")
        }
    }

    static func problem(for error: DecodingError) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            return .validation(field: path(context.codingPath + [key]), "is required")
        case .typeMismatch(let expected, let context):
            return .validation(field: path(context.codingPath), "must be \(describe(expected))")
        case .valueNotFound(let expected, let context):
            return .validation(field: path(context.codingPath), "must be \(describe(expected)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation reports a number that does not fit its field (1.5 for an integer) without a path.
                if context.debugDescription.contains("does not fit") {
                    return .validation(field: "(body)", "a number does not fit its field (expected an integer in range)")
                }
                return .badRequest("The request body is not valid JSON.")
            }
            return .validation(field: path(context.codingPath), context.debugDescription.isEmpty ? "is invalid" : Self.safeMessage(context.debugDescription))
        @unknown default:
            return .badRequest("The request body is not valid JSON.")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "a boolean"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid value"
        }
    }

    /// Only messages we wrote ourselves (from `ValidationMessage`) are passed through.
    static func safeMessage(_ text: String) -> String {
        text.hasPrefix(ValidationMessage.marker) ? String(text.dropFirst(ValidationMessage.marker.count)) : "is invalid"
    }
}

/// A decoding failure whose message is safe to show to the client.
public enum ValidationMessage {
    static let marker = "mercato:"

    /// Throws a `DecodingError` whose message reaches the client as the field's error.
    public static func fail(_ message: String, codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: marker + message))
    }
}

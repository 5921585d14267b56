import Foundation

/// Validates JSON against the subset of JSON Schema 2020-12 our event schemas use: `type` (one or a
/// list), `required`, `properties`, `additionalProperties: false`, `items`, `enum`, `minLength`,
/// `minimum`, `pattern`, `format: uuid`, and `$ref` into `$defs`. Unknown keywords fail loudly, so a
/// schema cannot silently use something this checker ignores.
struct SchemaValidator {
    let root: [String: Any]

    init(schema: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any] else {
            throw Failure(path: "$", message: "schema is not an object")
        }
        root = object
    }

    struct Failure: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    static let known: Set<String> = ["$schema", "title", "type", "required", "properties", "additionalProperties", "items",
                                     "enum", "minLength", "minimum", "pattern", "format", "$ref", "$defs"]

    func validate(_ document: Data) throws {
        try validate(try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed]), against: root, path: "$")
    }

    func validate(_ value: Any, against schema: [String: Any], path: String) throws {
        for key in schema.keys where !Self.known.contains(key) { throw Failure(path: path, message: "unsupported keyword \(key)") }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let target = (root["$defs"] as? [String: Any])?[name] as? [String: Any] else { throw Failure(path: path, message: "bad $ref \(ref)") }
            return try validate(value, against: target, path: path)
        }
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [(types as? String) ?? ""]
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                throw Failure(path: path, message: "expected \(allowed), got \(type(of: value))")
            }
        }
        if let options = schema["enum"] as? [Any] {
            guard options.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) else { throw Failure(path: path, message: "not one of \(options)") }
        }
        if let string = value as? String {
            if let minimum = schema["minLength"] as? Int, string.count < minimum { throw Failure(path: path, message: "shorter than \(minimum)") }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil {
                throw Failure(path: path, message: "does not match \(pattern)")
            }
            if schema["format"] as? String == "uuid", UUID(uuidString: string) == nil { throw Failure(path: path, message: "not a uuid") }
        }
        if let number = value as? NSNumber, !Self.matches(value, type: "boolean"), let minimum = schema["minimum"] as? Double, number.doubleValue < minimum {
            throw Failure(path: path, message: "below \(minimum)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                throw Failure(path: path, message: "missing required \(name)")
            }
            if schema["additionalProperties"] as? Bool == false {
                for name in object.keys where properties[name] == nil { throw Failure(path: path, message: "unexpected property \(name)") }
            }
            for (name, child) in object { if let subschema = properties[name] { try validate(child, against: subschema, path: "\(path).\(name)") } }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { try validate(element, against: items, path: "\(path)[\(index)]") }
        }
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        // JSONSerialization gives booleans as NSNumber with objCType "c" (on Linux and Darwin alike).
        case "boolean": return (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        case "integer":
            guard let number = value as? NSNumber, !matches(value, type: "boolean") else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number": return value is NSNumber && !matches(value, type: "boolean")
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }
}

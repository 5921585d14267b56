/// Collects field errors while a request is checked; `validate()` throws one 422 listing them all.
public struct FieldValidator: Sendable {
    /// Errors found so far.
    public private(set) var errors: [FieldError] = []

    /// An empty validator.
    public init() {}

    /// Records `message` for `field` unless `condition` holds.
    public mutating func require(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { errors.append(FieldError(field: field, message: message)) }
    }

    /// Records an error directly.
    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Throws a validation problem when any error was recorded.
    public func validate() throws {
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}

import Foundation

/// Rules for the free-text parts of a user profile.
public enum ProfileRules {
    /// Longest display name.
    public static let maximumNameLength = 100

    /// Whether `text` holds control characters (PostgreSQL also refuses NUL in text).
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Why `name` is unacceptable, or nil.
    public static func nameProblem(_ name: String) -> String? {
        if hasControlCharacters(name) { return "must not contain control characters" }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "is required" }
        if name.count > maximumNameLength { return "must be at most \(maximumNameLength) characters" }
        return nil
    }

    /// Why `phone` is unacceptable, or nil: an optional `+`, then 6–20 digits, spaces, dashes or parentheses.
    public static func phoneProblem(_ phone: String) -> String? {
        var body = Substring(phone)
        if body.first == "+" { body = body.dropFirst() }
        let allowed = body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " || $0 == "-" || $0 == "(" || $0 == ")" }
        let digits = body.filter { $0.isASCII && $0.isNumber }.count
        guard allowed, (6...20).contains(digits), phone.count <= 32 else {
            return "must be a phone number such as +49 30 1234567"
        }
        return nil
    }
}

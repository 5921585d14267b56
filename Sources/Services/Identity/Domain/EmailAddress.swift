import Foundation

/// E-mail addresses as identity stores them: trimmed and lowercased, so uniqueness is case-insensitive.
public enum EmailAddress {
    /// Longest address accepted (RFC 5321 path limit).
    public static let maximumLength = 254

    /// The canonical form of `raw`: surrounding whitespace removed, lowercased.
    /// NUL is dropped because PostgreSQL cannot store it; such an address fails `problem(with:)` anyway.
    public static func normalize(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Why a normalized address is unacceptable, or nil when it is fine.
    /// Deliberately loose (one `@`, a dotted domain, no spaces): the mailbox is the real test.
    public static func problem(with normalized: String) -> String? {
        if normalized.isEmpty { return "is required" }
        if normalized.count > maximumLength { return "must be at most \(maximumLength) characters" }
        if ProfileRules.hasControlCharacters(normalized) { return "must be an e-mail address" }
        let parts = normalized.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !normalized.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            return "must be an e-mail address"
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return "must be an e-mail address" }
        return nil
    }

    /// The address a soft-deleted user keeps, so the original becomes free and no personal data remains.
    public static func tombstone(userID: String) -> String { "deleted-\(userID)@invalid" }
}

import Foundation

/// Strong entity tags over a resource version (`"3"`) and the `If-Match` / `If-None-Match` checks (RFC 9110 §13.1).
public enum EntityTag {
    /// The strong tag of `version`.
    public static func of(version: Int) -> String { "\"\(version)\"" }

    /// `If-Match`: true when the header is `*` or lists the strong tag of `version` (weak tags never match).
    public static func ifMatch(_ header: String, version: Int) -> Bool {
        let tags = list(header)
        return tags.contains("*") || tags.contains(of(version: version))
    }

    /// `If-None-Match`: true when the header is `*` or lists the tag of `version`, weak or strong
    /// (so the caller answers 304).
    public static func ifNoneMatch(_ header: String, version: Int) -> Bool {
        let tags = list(header).map { $0.hasPrefix("W/") ? String($0.dropFirst(2)) : $0 }
        return tags.contains("*") || tags.contains(of(version: version))
    }

    static func list(_ header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

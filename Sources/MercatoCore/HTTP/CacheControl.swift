import Foundation

/// The request's `Cache-Control` (RFC 9111 §5.2.1).
public enum CacheControl {
    /// Whether the request forbids answering from a stored copy without going to the source: a `no-cache` or
    /// `max-age=0` directive (case-insensitive, among any others).
    public static func requiresFreshRead(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { directive in
            let name = directive.trimmingCharacters(in: .whitespaces).lowercased()
            return name == "no-cache" || name == "max-age=0"
        }
    }
}

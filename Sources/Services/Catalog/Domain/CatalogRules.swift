import Foundation
import MercatoCore

/// The format rules of catalog fields; each returns nil when the value is fine, else a message for the client.
public enum CatalogRules {
    /// Most images a product may list.
    public static let maximumImages = 20
    /// Most attribute members a product may have.
    public static let maximumAttributes = 100
    /// Largest attributes document, in bytes of compact JSON.
    public static let maximumAttributesBytes = 16_384

    /// SKU: 1–64 characters of letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func skuError(_ sku: String) -> String? {
        guard (1...64).contains(sku.count) else { return "must be 1 to 64 characters" }
        guard let first = sku.unicodeScalars.first, isAlphanumeric(first),
              sku.unicodeScalars.allSatisfy({ isAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" })
        else { return "may hold only letters, digits, '.', '_' and '-', and must start with a letter or digit" }
        return nil
    }

    /// Slug: 1–100 lowercase letters and digits in groups joined by single hyphens (`men-shoes`).
    public static func slugError(_ slug: String) -> String? {
        guard (1...100).contains(slug.count) else { return "must be 1 to 100 characters" }
        let groups = slug.split(separator: "-", omittingEmptySubsequences: false)
        let valid = groups.allSatisfy { group in
            !group.isEmpty && group.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
        return valid ? nil : "must be lowercase letters and digits joined by single hyphens"
    }

    /// A display name: 1–200 characters, not only whitespace.
    public static func nameError(_ name: String) -> String? {
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "must not be empty" }
        if name.count > 200 { return "must be at most 200 characters" }
        return nil
    }

    /// A description: at most 10,000 characters.
    public static func descriptionError(_ description: String) -> String? {
        description.count > 10_000 ? "must be at most 10000 characters" : nil
    }

    /// Currency: three uppercase ASCII letters (ISO 4217 format).
    public static func currencyError(_ currency: String) -> String? {
        let valid = currency.unicodeScalars.count == 3 && currency.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        return valid ? nil : "must be an ISO 4217 code of three uppercase letters"
    }

    /// Image URLs: at most 20, each an absolute http(s) URL with a host, at most 2048 characters.
    public static func imageErrors(_ images: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if images.count > maximumImages { errors.append(.init(field: "images", message: "must hold at most \(maximumImages) URLs")) }
        for (index, image) in images.enumerated() where !isWebURL(image) {
            errors.append(.init(field: "images[\(index)]", message: "must be an absolute http or https URL"))
        }
        return errors
    }

    /// Attributes: a JSON object of at most 100 members with non-empty keys of at most 100 characters, 16 KiB in all.
    public static func attributesError(_ attributes: JSONValue) -> String? {
        guard let members = attributes.objectValue else { return "must be a JSON object" }
        if members.count > maximumAttributes { return "must have at most \(maximumAttributes) members" }
        if members.keys.contains(where: { $0.isEmpty || $0.count > 100 }) { return "keys must be 1 to 100 characters" }
        if attributes.jsonText.utf8.count > maximumAttributesBytes { return "must be at most \(maximumAttributesBytes) bytes of JSON" }
        return nil
    }

    /// Whether `text` is an absolute http or https URL with a host.
    static func isWebURL(_ text: String) -> Bool {
        guard text.count <= 2048, !text.contains(where: { $0.isWhitespace }),
              let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

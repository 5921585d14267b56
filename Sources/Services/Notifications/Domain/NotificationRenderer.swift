import Mustache

/// Renders messages from `NotificationTemplates` with swift-mustache: pure, no I/O.
///
/// Templates are compiled once, in TEXT content type (values are not HTML-escaped: these are text
/// emails and in-app text; clients escape when they display). A recipient locale such as `de-AT`
/// uses `de-AT`, then `de`, then `en`.
public struct NotificationRenderer: Sendable {
    private let compiled: [MessageKind: [String: (subject: MustacheTemplate, body: MustacheTemplate)]]

    /// Compiles every template; throws when one does not parse (a programming error the tests catch).
    public init() throws {
        var compiled: [MessageKind: [String: (subject: MustacheTemplate, body: MustacheTemplate)]] = [:]
        for (kind, locales) in NotificationTemplates.sources {
            for (locale, source) in locales {
                compiled[kind, default: [:]][locale] = (try Self.compile(source.subject), try Self.compile(source.body))
            }
        }
        self.compiled = compiled
    }

    /// The locales `kind` has a template for, sorted.
    public func locales(of kind: MessageKind) -> [String] {
        (compiled[kind] ?? [:]).keys.sorted()
    }

    /// The template locale used for `requested`: exact, then the language alone, then `en`.
    public func resolvedLocale(_ requested: String?, for kind: MessageKind) -> String {
        let available = compiled[kind] ?? [:]
        let normalized = (requested ?? "").replacingOccurrences(of: "_", with: "-").lowercased()
        if available[normalized] != nil { return normalized }
        if let language = normalized.split(separator: "-").first.map(String.init), available[language] != nil { return language }
        return NotificationTemplates.fallbackLocale
    }

    /// Renders `kind` for `locale` (with fallback) from `values`; subject lines are kept on one line.
    public func render(_ kind: MessageKind, locale: String?, values: [String: String]) -> RenderedMessage {
        let resolved = resolvedLocale(locale, for: kind)
        guard let template = compiled[kind]?[resolved] else { return RenderedMessage(subject: "", body: "") }
        let subject = template.subject.render(values)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return RenderedMessage(subject: subject, body: template.body.render(values))
    }

    /// Renders `kind` once for every locale it has.
    public func renderAllLocales(_ kind: MessageKind, values: [String: String]) -> [(locale: String, message: RenderedMessage)] {
        locales(of: kind).map { ($0, render(kind, locale: $0, values: values)) }
    }

    private static func compile(_ source: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
    }
}

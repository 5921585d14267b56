import Foundation

/// The text/event-stream framing of the live stream (WHATWG HTML §9.2).
enum ServerSentEvent {
    /// `id: <id>\nevent: <name>\ndata: <data>\n\n`; `data` must be a single line (compact JSON is).
    static func event(id: String, name: String, data: String) -> String {
        "id: \(id)\nevent: \(name)\ndata: \(data)\n\n"
    }

    /// A comment line: ignored by clients, keeps proxies and the connection alive.
    static func comment(_ text: String) -> String {
        ": \(text)\n\n"
    }

    /// The event for one notification, its JSON on one line.
    static func notification(_ record: NotificationRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        return event(id: record.id.uuidString.lowercased(), name: "notification", data: json)
    }
}

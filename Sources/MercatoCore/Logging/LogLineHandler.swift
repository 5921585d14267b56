import Foundation
import Logging

/// Output format of log lines.
public enum LogFormat: String, Sendable {
    /// One JSON object per line.
    case json
    /// Human-readable text.
    case text
}

/// A `LogHandler` writing one line per message to stdout: JSON (`ts`, `level`, `service`, `msg`
/// and the metadata, e.g. `request_id`, `trace_id`, `span_id`) or readable text.
public struct LogLineHandler: LogHandler {
    /// Metadata attached to every message of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level
    /// Extra metadata (trace ids) computed at the time of each message.
    public var metadataProvider: Logger.MetadataProvider?
    private let service: String
    private let format: LogFormat
    private let sink: LogSink

    /// A handler for `service` writing `format` lines to `sink`.
    public init(service: String, format: LogFormat, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil, sink: LogSink = .standardOutput) {
        self.service = service
        self.format = format
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    /// Reads or writes one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one message.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line: String
        switch format {
        case .json: line = jsonLine(event: event, metadata: merged)
        case .text: line = textLine(event: event, metadata: merged)
        }
        sink.write(line + "\n")
    }

    /// Builds the JSON line by hand: JSONSerialization and date formatting dominated request cost.
    private func jsonLine(event: LogEvent, metadata: Logger.Metadata) -> String {
        var line = "{\"ts\":\""
        JSONText.appendTimestamp(Date(), milliseconds: true, to: &line)
        line += "\",\"level\":\"\(event.level.rawValue)\",\"service\":"
        JSONText.appendString(service, to: &line)
        line += ",\"msg\":"
        JSONText.appendString(event.message.description, to: &line)
        for key in metadata.keys.sorted() where !key.hasPrefix("hb.") {
            // Hummingbird names its request id `hb.request.id`; we expose the client-facing one only.
            guard let value = metadata[key], !["ts", "level", "service", "msg"].contains(key) else { continue }
            line += ","
            JSONText.appendString(key, to: &line)
            line += ":"
            JSONText.appendValue(value, to: &line)
        }
        line += "}"
        return line
    }

    private func textLine(event: LogEvent, metadata: Logger.Metadata) -> String {
        let pairs = metadata.filter { !$0.key.hasPrefix("hb.") }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let suffix = pairs.isEmpty ? "" : " " + pairs.joined(separator: " ")
        return "\(JSONText.timestamp(Date(), milliseconds: true)) \(event.level.rawValue.uppercased()) [\(service)] \(event.message)\(suffix)"
    }
}

/// Where log lines go; a sink that captures lines exists for tests.
public struct LogSink: Sendable {
    /// Writes one complete line.
    public let write: @Sendable (String) -> Void

    /// A sink calling `write` for every line.
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Standard output, written with one `write(2)` per line so lines never interleave.
    public static let standardOutput = LogSink { line in
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

extension JSONText {
    /// Appends a log metadata value as JSON (dictionaries with sorted keys).
    static func appendValue(_ value: Logger.Metadata.Value, to text: inout String) {
        switch value {
        case .string(let string): appendString(string, to: &text)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &text)
        case .array(let array):
            text += "["
            for (index, element) in array.enumerated() {
                if index > 0 { text += "," }
                appendValue(element, to: &text)
            }
            text += "]"
        case .dictionary(let dictionary):
            text += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                appendString(key, to: &text)
                text += ":"
                appendValue(dictionary[key] ?? .string(""), to: &text)
            }
            text += "}"
        }
    }
}

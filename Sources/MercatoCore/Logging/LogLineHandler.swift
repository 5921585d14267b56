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

    private func jsonLine(event: LogEvent, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = [
            "ts": LogTimestamp.iso8601(Date()),
            "level": event.level.rawValue,
            "service": service,
            "msg": event.message.description,
        ]
        for (key, value) in metadata {
            // Hummingbird names its request id `hb.request.id`; we expose the client-facing one only.
            if key.hasPrefix("hb.") { continue }
            object[key] = Self.jsonValue(value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8)
        else { return #"{"level":"error","msg":"unencodable log line"}"# }
        return text
    }

    private func textLine(event: LogEvent, metadata: Logger.Metadata) -> String {
        let pairs = metadata.filter { !$0.key.hasPrefix("hb.") }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let suffix = pairs.isEmpty ? "" : " " + pairs.joined(separator: " ")
        return "\(LogTimestamp.iso8601(Date())) \(event.level.rawValue.uppercased()) [\(service)] \(event.message)\(suffix)"
    }

    static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let array): return array.map(jsonValue)
        case .dictionary(let dictionary): return dictionary.mapValues(jsonValue)
        }
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

/// Timestamps as RFC 3339 with milliseconds, UTC.
enum LogTimestamp {
    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

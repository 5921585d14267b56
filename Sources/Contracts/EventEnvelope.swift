import Foundation

/// A CloudEvents 1.0 event in JSON structured mode: the one envelope every Mercato event travels in.
public struct EventEnvelope<Payload: EventPayload>: Codable, Sendable {
    /// Always `1.0`.
    public var specversion: String
    /// Unique event id; consumers deduplicate on it.
    public var id: UUID
    /// Producer, `/mercato/<service>`.
    public var source: String
    /// `mercato.<service>.<event>.v<N>`.
    public var type: String
    /// When the change happened.
    public var time: Date
    /// The aggregate the event is about (a user id, a product id).
    public var subject: String
    /// Always `application/json`.
    public var datacontenttype: String
    /// W3C trace context of the change that produced the event.
    public var traceparent: String?
    /// W3C trace state, when present.
    public var tracestate: String?
    /// The typed payload.
    public var data: Payload

    /// An envelope for `data` about `subject`.
    public init(id: UUID = UUID(), time: Date = Date(), subject: String, data: Payload,
                traceparent: String? = nil, tracestate: String? = nil) {
        self.specversion = "1.0"
        self.id = id
        self.source = "/mercato/\(Payload.producer)"
        self.type = Payload.eventType
        self.time = time
        self.subject = subject
        self.datacontenttype = "application/json"
        self.traceparent = traceparent
        self.tracestate = tracestate
        self.data = data
    }

    /// The AMQP routing key: the type without the `mercato.` prefix.
    public var routingKey: String { Payload.routingKey }
}

/// A typed event payload with its CloudEvents type and JSON Schema.
public protocol EventPayload: Codable, Sendable {
    /// The producing service, e.g. `identity`.
    static var producer: String { get }
    /// The event name, e.g. `user-registered`.
    static var name: String { get }
    /// The major version; a breaking change is a new version published alongside the old.
    static var version: Int { get }
    /// The JSON Schema (draft 2020-12) of the payload.
    static var jsonSchema: String { get }
}

extension EventPayload {
    /// `mercato.<producer>.<name>.v<version>`.
    public static var eventType: String { "mercato.\(producer).\(name).v\(version)" }
    /// The type without `mercato.`, used as the routing key.
    public static var routingKey: String { "\(producer).\(name).v\(version)" }
}

/// The JSON coding every event uses: ISO-8601 dates, sorted keys.
public enum EventCoding {
    /// An encoder for envelopes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder for envelopes (accepts fractional seconds or none).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) { return date }
            if let date = try? Date(text, strategy: .iso8601) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 date"))
        }
        return decoder
    }
}

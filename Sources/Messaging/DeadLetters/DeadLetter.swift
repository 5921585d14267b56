import AMQP
import Foundation

/// A message in a service's dead-letter queue, as an operator sees it.
public struct DeadLetter: Sendable, Codable, Equatable {
    /// The event id (`message_id`).
    public var eventID: String?
    /// The CloudEvents type.
    public var eventType: String?
    /// Why it was dead-lettered.
    public var reason: String?
    /// How many attempts were made.
    public var attempts: Int?
    /// When it was dead-lettered.
    public var deadLetteredAt: String?
    /// The routing key it was first published with.
    public var routingKey: String?
    /// The CloudEvents JSON body.
    public var body: String
    /// Every header, rendered as text.
    public var headers: [String: String]

    /// The operator's view of a delivery from the dead-letter queue.
    init(delivery: AMQPDelivery) {
        let table = delivery.properties.headers ?? [:]
        var headers: [String: String] = [:]
        for (key, value) in table { headers[key] = value.displayText }
        eventID = delivery.properties.messageID
        eventType = delivery.properties.type
        reason = headers[EventHeaders.reason]
        attempts = table[EventHeaders.attempt]?.integerValue
        deadLetteredAt = headers[EventHeaders.deadLetteredAt]
        routingKey = headers[EventHeaders.originalRoutingKey]
        body = delivery.bodyString
        self.headers = headers
    }
}

extension AMQPFieldValue {
    /// A plain-text rendering for operators.
    var displayText: String {
        switch self {
        case .string(let v): v
        case .bool(let v): String(v)
        case .float(let v): String(v)
        case .double(let v): String(v)
        case .timestamp(let v): Date(timeIntervalSince1970: TimeInterval(v)).formatted(.iso8601)
        case .bytes(let v): "\(v.count) bytes"
        case .array(let values): "[" + values.map(\.displayText).joined(separator: ", ") + "]"
        case .table(let table): "{" + table.map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ") + "}"
        case .decimal(let scale, let value): "\(value)e-\(scale)"
        case .void: "void"
        default: integerValue.map(String.init) ?? "?"
        }
    }
}

import AMQP
import Configuration

/// How a service reaches RabbitMQ and how its consumer retries.
///
/// Keys: `amqp.url` (secret, default `amqp://guest:guest@127.0.0.1:5672/` — user, password, host, port and
/// percent-encoded vhost), `amqp.heartbeat` (int seconds, default 10; a dead peer is noticed within two),
/// `events.prefetch` (int, default 32 — unacked deliveries the broker may send ahead), `events.concurrency` (int,
/// default 4 — deliveries handled at once, in lanes by subject so one aggregate's events stay in order),
/// `events.exchange` (default `mercato.events` — the topic exchange of every event; another name isolates a group of
/// services on a shared broker), `events.retryDelays` (comma-separated seconds, default `1,10,60` — one retry queue per entry; a delivery that
/// still fails after the last one is dead-lettered).
public struct MessagingConfig: Sendable {
    /// Where the broker is (user, password, host, port, vhost).
    public var amqp: AMQPConfiguration
    /// Deliveries in flight per consumer.
    public var prefetch: UInt16
    /// Seconds a failed delivery waits in each retry queue, in order.
    public var retryDelays: [Double]
    /// Lanes handling deliveries at once; each subject always goes to the same lane.
    public var concurrency: Int
    /// The topic exchange events are published to and consumed from.
    public var exchange: String

    /// Reads the settings; throws for a malformed URL or delay list rather than guessing.
    public init(reader: ConfigReader) throws {
        let url = reader.string(forKey: "amqp.url", default: "amqp://guest:guest@127.0.0.1:5672/")
        var amqp = try AMQPConfiguration(url: url)
        amqp.heartbeat = UInt16(clamping: reader.int(forKey: "amqp.heartbeat", default: 10))
        let prefetch = UInt16(clamping: max(1, reader.int(forKey: "events.prefetch", default: 32)))
        let delays = try Self.parseDelays(reader.string(forKey: "events.retryDelays", default: "1,10,60"))
        let concurrency = min(64, max(1, reader.int(forKey: "events.concurrency", default: 4)))
        self.init(amqp: amqp, prefetch: prefetch, retryDelays: delays, concurrency: concurrency,
                  exchange: reader.string(forKey: "events.exchange", default: EventTopology.defaultExchange))
    }

    /// Settings given directly.
    public init(amqp: AMQPConfiguration, prefetch: UInt16 = 32, retryDelays: [Double] = [1, 10, 60], concurrency: Int = 4,
                exchange: String = EventTopology.defaultExchange) {
        self.exchange = exchange
        self.amqp = amqp
        self.prefetch = max(prefetch, UInt16(clamping: concurrency))
        self.retryDelays = retryDelays
        self.concurrency = max(1, concurrency)
    }

    /// Parses `1,10,60` into seconds; every entry must be a positive number.
    public static func parseDelays(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try parts.map { part in
            guard let seconds = Double(part), seconds > 0, seconds.isFinite else {
                throw MessagingConfigError(message: "events.retryDelays: '\(part)' is not a positive number of seconds")
            }
            return seconds
        }
    }
}

/// A messaging setting that cannot be used.
public struct MessagingConfigError: Error, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

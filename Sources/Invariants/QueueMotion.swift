/// One reading of a queue from RabbitMQ's management API (`GET /api/queues/<vhost>/<name>`). The broker refreshes
/// these figures every `collect_statistics_interval` (5 s by default, 1 s on `mercato up`'s node); a figure the
/// broker has not reported yet decodes as 0.
public struct QueueSample: Sendable, Equatable, Decodable {
    /// Messages delivered to a consumer and not yet acknowledged.
    public var unacknowledged: Int
    /// Messages waiting to be delivered.
    public var ready: Int
    /// Consumers attached.
    public var consumers: Int
    /// Acknowledgements since the queue was declared (`message_stats.ack`, absent while zero).
    public var acknowledged: Int

    /// A reading.
    public init(unacknowledged: Int, ready: Int, consumers: Int, acknowledged: Int) {
        self.unacknowledged = unacknowledged
        self.ready = ready
        self.consumers = consumers
        self.acknowledged = acknowledged
    }

    enum CodingKeys: String, CodingKey {
        case unacknowledged = "messages_unacknowledged", ready = "messages_ready", consumers, messageStats = "message_stats"
    }

    enum StatsKeys: String, CodingKey {
        case ack
    }

    /// Decodes the management API's queue object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unacknowledged = try container.decodeIfPresent(Int.self, forKey: .unacknowledged) ?? 0
        ready = try container.decodeIfPresent(Int.self, forKey: .ready) ?? 0
        consumers = try container.decodeIfPresent(Int.self, forKey: .consumers) ?? 0
        let stats = try? container.nestedContainer(keyedBy: StatsKeys.self, forKey: .messageStats)
        acknowledged = try stats?.decodeIfPresent(Int.self, forKey: .ack) ?? 0
    }
}

/// Two readings of one consumer queue, `seconds` apart.
public struct QueueMotion: Sendable, Equatable {
    /// The earlier reading.
    public var first: QueueSample
    /// The later reading.
    public var second: QueueSample
    /// Seconds between them.
    public var seconds: Double

    /// Two readings.
    public init(first: QueueSample, second: QueueSample, seconds: Double) {
        self.first = first
        self.second = second
        self.seconds = seconds
    }

    /// Unacknowledged messages in both readings and not one acknowledgement between them: the consumer holds
    /// deliveries it is not finishing (a hung handler, a lost ack). Unacknowledged messages with acks between them
    /// are a busy consumer; an ack counter that went backwards (the queue was declared again) counts as movement.
    public var isStalled: Bool {
        first.unacknowledged > 0 && second.unacknowledged > 0 && second.acknowledged == first.acknowledged
    }
}

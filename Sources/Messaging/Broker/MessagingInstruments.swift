import Metrics

/// Publisher metrics: events written to the broker, events it confirmed, and batches it returned as unroutable.
struct PublisherInstruments: Sendable {
    let service: String
    let published: Counter
    let confirmed: Counter

    init(service: String) {
        self.service = service
        published = Counter(label: "events_published_total", dimensions: [("service", service)])
        confirmed = Counter(label: "events_confirmed_total", dimensions: [("service", service)])
    }

    /// Counts a batch that failed because the broker returned an event (no queue bound); `routingKey` is the first returned one's.
    func returned(routingKey: String) {
        Counter(label: "events_returned_total", dimensions: [("service", service), ("routing_key", routingKey)]).increment()
    }
}

/// Consumer metrics per event type: consumed (by outcome), retried, dead-lettered, and handler latency.
struct ConsumerInstruments: Sendable {
    let service: String

    /// Counts a delivery handled and acked; `outcome` is `applied` or `duplicate`.
    func consumed(type: String, outcome: String) {
        Counter(label: "events_consumed_total", dimensions: [("service", service), ("type", type), ("outcome", outcome)]).increment()
    }

    /// Counts a delivery sent to a retry queue.
    func retried(type: String) {
        Counter(label: "events_retried_total", dimensions: [("service", service), ("type", type)]).increment()
    }

    /// Counts a delivery sent to the dead-letter queue.
    func deadLettered(type: String) {
        Counter(label: "events_dead_lettered_total", dimensions: [("service", service), ("type", type)]).increment()
    }

    /// Counts the times the consumer stopped taking work because the database was away.
    var paused: Counter { Counter(label: "events_consumer_paused_total", dimensions: [("service", service)]) }

    /// Records how long handling took, whatever the outcome.
    func handled(type: String, duration: Duration) {
        Timer(label: "event_handler_duration_seconds", dimensions: [("service", service), ("type", type)], preferredDisplayUnit: .seconds)
            .record(duration: duration)
    }
}

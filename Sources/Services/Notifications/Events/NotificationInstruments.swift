import Metrics

/// Counts notifications written, by CloudEvents type and channel (`notifications_created_total`).
struct NotificationInstruments: Sendable {
    /// Adds the per-channel `counts` written for an event of `eventType`.
    func record(_ counts: [NotificationChannel: Int], eventType: String) {
        for (channel, count) in counts where count > 0 {
            Counter(label: "notifications_created_total", dimensions: [("event_type", eventType), ("channel", channel.rawValue)])
                .increment(by: count)
        }
    }
}

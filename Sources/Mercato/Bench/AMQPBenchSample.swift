import Foundation

/// One measured phase of `mercato bench amqp`: which client did what, how many messages in how long,
/// and how much CPU the broker spent meanwhile.
struct AMQPBenchSample: Codable, Sendable {
    var phase: String
    var client: String
    var messages: Int
    var seconds: Double
    var brokerCPUSeconds: Double?
    var clientCPUSeconds: Double?

    /// Messages per second.
    var rate: Double { seconds > 0 ? Double(messages) / seconds : 0 }
    /// Broker CPU seconds per 1,000 messages.
    var brokerCPUPerThousand: Double? { brokerCPUSeconds.map { messages > 0 ? $0 * 1000 / Double(messages) : 0 } }
    /// The client's own CPU seconds per 1,000 messages.
    var clientCPUPerThousand: Double? { clientCPUSeconds.map { messages > 0 ? $0 * 1000 / Double(messages) : 0 } }
    /// Broker CPU as a percentage of one core.
    var brokerCorePercent: Double? { brokerCPUSeconds.map { seconds > 0 ? 100 * $0 / seconds : 0 } }

    static let tableHeader = """
        | phase | client | messages | seconds | msg/s | broker CPU-s per 1k msgs | broker CPU, % of one core | client CPU-s per 1k msgs |
        |---|---|---:|---:|---:|---:|---:|---:|
        """

    /// The sample as a Markdown table row.
    var tableRow: String {
        let cpu = brokerCPUPerThousand.map { String(format: "%.3f", $0) } ?? "—"
        let core = brokerCorePercent.map { String(format: "%.0f %%", $0) } ?? "—"
        let own = clientCPUPerThousand.map { String(format: "%.3f", $0) } ?? "—"
        return "| \(phase) | \(client) | \(messages) | \(String(format: "%.2f", seconds)) | \(String(format: "%.0f", rate)) | \(cpu) | \(core) | \(own) |"
    }

    enum CodingKeys: String, CodingKey {
        case phase, client, messages, seconds, brokerCPUSeconds = "broker_cpu_seconds", clientCPUSeconds = "client_cpu_seconds"
    }
}

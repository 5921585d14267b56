/// One fault `mercato chaos` injects into a running stack under load, then heals.
public enum ChaosScenario: Sendable, Equatable, CustomStringConvertible {
    /// PostgreSQL stopped (fast) and started again at once.
    case postgresRestart
    /// PostgreSQL's postmaster killed with SIGKILL, then started again (crash recovery).
    case postgresKill
    /// PostgreSQL stopped for `seconds`, then started again.
    case postgresDown(seconds: Int)
    /// PostgreSQL restarted with `max_connections` too small for every pool, for a while; then restored.
    case postgresMaxConnections
    /// RabbitMQ stopped and started again.
    case brokerRestart
    /// RabbitMQ's VM killed with SIGKILL, then started again.
    case brokerKill
    /// One service killed with SIGKILL; the supervisor must start it again.
    case kill(service: String)
    /// The payment provider answers slower than payments waits for it, for a while.
    case pspLatency
    /// Half of the payment provider's calls fail, for a while.
    case pspFailures
    /// Malformed messages published into every consumer's queue.
    case poison

    /// The services `kill` may name.
    public static let services = ["identity", "catalog", "payments", "orders", "notifications"]

    /// Every scenario, as `mercato chaos all` runs them.
    public static let all: [ChaosScenario] = [.postgresRestart, .postgresKill, .postgresDown(seconds: 30), .postgresMaxConnections,
                                              .brokerRestart, .brokerKill]
        + services.map { .kill(service: $0) } + [.pspLatency, .pspFailures, .poison]

    /// The name as typed: `pg-restart`, `pg-down 30s`, `kill orders`, …
    public var description: String {
        switch self {
        case .postgresRestart: "pg-restart"
        case .postgresKill: "pg-kill"
        case .postgresDown(let seconds): "pg-down \(seconds)s"
        case .postgresMaxConnections: "pg-max-connections"
        case .brokerRestart: "broker-restart"
        case .brokerKill: "broker-kill"
        case .kill(let service): "kill \(service)"
        case .pspLatency: "psp-latency"
        case .pspFailures: "psp-failures"
        case .poison: "poison"
        }
    }

    /// A name usable as a directory name.
    public var slug: String { description.replacingOccurrences(of: " ", with: "-") }

    /// The restarts the supervisor must make per service for the scenario to pass (none but these).
    public var expectedRestarts: [String: Int] {
        switch self {
        case .kill(let service): [service: 1]
        // The provider's knobs are read at start: payments is restarted into the fault and out of it.
        case .pspLatency, .pspFailures: ["payments": 2]
        default: [:]
        }
    }

    /// Parses the words after `mercato chaos`: scenario names, `pg-down` optionally followed by a duration (`30s`,
    /// `1m`), `kill` followed by a service, or `all`.
    public static func parse(_ words: [String]) throws -> [ChaosScenario] {
        var scenarios: [ChaosScenario] = []
        var index = 0
        func next() -> String? { index < words.count ? words[index] : nil }
        while let word = next() {
            index += 1
            switch word {
            case "all": scenarios += all
            case "pg-restart": scenarios.append(.postgresRestart)
            case "pg-kill": scenarios.append(.postgresKill)
            case "pg-down":
                var seconds = 30
                if let text = next(), let parsed = Self.seconds(text) {
                    seconds = parsed
                    index += 1
                }
                scenarios.append(.postgresDown(seconds: seconds))
            case "pg-max-connections": scenarios.append(.postgresMaxConnections)
            case "broker-restart": scenarios.append(.brokerRestart)
            case "broker-kill": scenarios.append(.brokerKill)
            case "kill":
                guard let service = next(), services.contains(service) else {
                    throw ChaosScenarioError("kill needs a service: \(services.joined(separator: ", "))")
                }
                index += 1
                scenarios.append(.kill(service: service))
            case "psp-latency": scenarios.append(.pspLatency)
            case "psp-failures": scenarios.append(.pspFailures)
            case "poison": scenarios.append(.poison)
            default: throw ChaosScenarioError("unknown scenario \(word)")
            }
        }
        guard !scenarios.isEmpty else { throw ChaosScenarioError("name a scenario, or all") }
        return scenarios
    }

    /// `30s`, `2m` or `45` as whole seconds (1…3600).
    static func seconds(_ text: String) -> Int? {
        let (digits, unit) = text.hasSuffix("m") ? (text.dropLast(), 60) : text.hasSuffix("s") ? (text.dropLast(), 1) : (Substring(text), 1)
        guard let value = Int(digits), value > 0, value * unit <= 3600 else { return nil }
        return value * unit
    }
}

/// The scenario words do not parse; the message says why.
public struct ChaosScenarioError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

import Metrics
import Synchronization
import Tracing

/// The metrics of one database: statement latency and errors by operation, pool use.
///
/// Statement timers are made once per operation and kept: asking swift-metrics for a timer by label and dimensions
/// on every statement cost a registry lookup (lock, label hashing) on the hottest path.
struct DatabaseInstruments: Sendable {
    let database: String
    let inUse: Meter
    let maxConnections: Gauge
    private let timers: StatementTimers

    init(database: String, poolSize: Int) {
        self.database = database
        self.inUse = Meter(label: "db_pool_connections_in_use", dimensions: [("db", database)])
        self.maxConnections = Gauge(label: "db_pool_connections_max", dimensions: [("db", database)])
        self.timers = StatementTimers(database: database)
        maxConnections.record(poolSize)
    }

    /// Runs one statement inside a client span, recording its latency and any error.
    func measure<T>(sql: String, _ body: () async throws -> T) async throws -> T {
        let operation = Self.operation(of: sql)
        return try await withSpan("db.\(operation)", ofKind: .client) { span in
            // Unsampled spans drop attributes: do not build them (the statement text is a copy of up to 512 bytes).
            if span.isRecording {
                span.attributes["db.system"] = "postgresql"
                span.attributes["db.operation"] = operation
                span.attributes["db.statement"] = String(sql.prefix(512))
            }
            let started = ContinuousClock.now
            defer { duration(operation).recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
            do {
                return try await body()
            } catch {
                errors(operation).increment()
                span.recordError(error)
                throw error
            }
        }
    }

    func duration(_ operation: String) -> Timer { timers.timer(operation) }

    func errors(_ operation: String) -> Counter {
        Counter(label: "db_query_errors_total", dimensions: [("db", database), ("operation", operation)])
    }

    /// The statement's first keyword, lowercased (`select`, `insert`, …), for low-cardinality labels.
    static func operation(of sql: String) -> String {
        let keyword = sql.drop { $0 == " " || $0 == "\n" || $0 == "(" }.prefix { $0.isLetter }.lowercased()
        switch keyword {
        case "select", "insert", "update", "delete", "with", "begin", "commit", "rollback", "create", "alter", "drop": return keyword
        default: return "other"
        }
    }
}

/// `db_query_duration_seconds` of one database, made on first use per operation and kept.
final class StatementTimers: Sendable {
    private let database: String
    private let made: Mutex<[String: Timer]> = Mutex([:])

    init(database: String) { self.database = database }

    /// The timer of `operation` (one of `DatabaseInstruments.operation`'s few values).
    func timer(_ operation: String) -> Timer {
        if let timer = made.withLock({ $0[operation] }) { return timer }
        let timer = Timer(label: "db_query_duration_seconds", dimensions: [("db", database), ("operation", operation)],
                          preferredDisplayUnit: .seconds)
        made.withLock { $0[operation] = timer }
        return timer
    }
}

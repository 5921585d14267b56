import Contracts
import Foundation
import Instrumentation
import MercatoCore
import PostgresNIO

/// Writes events into the outbox inside the caller's transaction, so an event exists exactly when
/// the change it announces was committed.
public enum Outbox {
    /// The PostgreSQL channel the relay listens on; notified at commit.
    public static let channel = "mercato_outbox"

    /// Adds an event about `subject` carrying `payload`, stamped with the current trace context.
    @discardableResult
    public static func enqueue<Payload: EventPayload>(_ payload: Payload, subject: String, on connection: DatabaseConnection) async throws -> UUID {
        let trace = TraceHeaders.current()
        let envelope = EventEnvelope(subject: subject, data: payload, traceparent: trace.traceparent, tracestate: trace.tracestate)
        let body = String(decoding: try EventCoding.encoder().encode(envelope), as: UTF8.self)
        try await connection.run("""
            INSERT INTO outbox (event_id, event_type, routing_key, subject, body, traceparent)
            VALUES (\(envelope.id), \(envelope.type), \(envelope.routingKey), \(subject), \(body), \(trace.traceparent))
            """)
        // NOTIFY inside the transaction is delivered only at commit: the relay wakes exactly when the row is visible.
        try await connection.run("SELECT pg_notify(\(channel), '')")
        return envelope.id
    }
}

/// W3C trace headers of the current span, for the outbox row and the AMQP message.
public struct TraceHeaders: Sendable {
    /// `traceparent`, when a span is active.
    public var traceparent: String?
    /// `tracestate`, when present.
    public var tracestate: String?

    /// The headers of the current span (via the installed instrument).
    public static func current() -> TraceHeaders {
        guard let context = InstrumentationContext.current else { return TraceHeaders() }
        var headers: [String: String] = [:]
        InstrumentationSystem.instrument.inject(context, into: &headers, using: DictionaryInjector())
        return TraceHeaders(traceparent: headers["traceparent"], tracestate: headers["tracestate"])
    }
}

/// Injects into a `[String: String]`.
struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

extension Outbox {
    /// Unsent rows and the age of the oldest, as the relay's gauges and the audit endpoint report them.
    public static func backlog(in database: Database) async throws -> OutboxAudit {
        let rows = try await database.query("""
            SELECT count(*)::int8, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8
            FROM outbox WHERE sent_at IS NULL
            """)
        guard let row = rows.first else { return OutboxAudit(unsent: 0, oldestUnsentAgeSeconds: 0) }
        let (count, age) = try row.decode((Int64, Double).self)
        return OutboxAudit(unsent: Int(count), oldestUnsentAgeSeconds: age)
    }
}

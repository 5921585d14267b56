import AMQP
import AsyncHTTPClient
import Contracts
import Foundation
import Invariants
import Messaging
import Resilience

/// Reads one `AuditSnapshot` from a running stack: the services' audit endpoints (with the CLI's service token)
/// and the broker's dead-letter queues.
struct AuditReader: Sendable {
    /// Services with an outbox.
    static let producers = ["identity", "catalog", "orders", "payments"]
    /// Services with an event queue (and so a dead-letter queue).
    static let consumers = ["catalog", "orders", "payments", "notifications"]

    let config: StackConfig
    let tokens: ServiceTokenProvider
    let amqpURL: String

    /// A reader for the stack `config` describes, authenticating as `CLIClient` with `secret`.
    init(config: StackConfig, secret: String, amqpURL: String) {
        self.config = config
        self.amqpURL = amqpURL
        self.tokens = ServiceTokenProvider(
            config: ServiceAuthConfig(tokenURL: config.url(of: "identity") + "/oauth/token", clientID: CLIClient.id,
                                      clientSecret: secret, scope: AuditScope.scope),
            httpClient: .shared)
    }

    /// Everything, read now.
    func snapshot() async throws -> AuditSnapshot {
        async let stock: [StockAudit] = pages("catalog", "/internal/v1/audit/stock")
        async let reservations: [ReservationAudit] = pages("catalog", "/internal/v1/audit/reservations")
        async let orders: [OrderAudit] = pages("orders", "/internal/v1/audit/orders")
        async let payments: [PaymentAudit] = pages("payments", "/internal/v1/audit/payments")
        async let ledger: LedgerAudit = get("payments", "/internal/v1/audit/ledger")
        var outboxes: [String: OutboxAudit] = [:]
        for service in Self.producers { outboxes[service] = try await get(service, "/internal/v1/audit/outbox") }
        return AuditSnapshot(stock: try await stock, reservations: try await reservations, orders: try await orders,
                             payments: try await payments, ledger: try await ledger, outboxes: outboxes,
                             deadLetters: try await deadLetters())
    }

    /// Every page of a keyset-paginated audit list.
    func pages<Item: Codable & Sendable>(_ service: String, _ path: String) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            var query = "?limit=\(AuditScope.maxLimit)"
            if let cursor { query += "&cursor=" + APIClient.queryValue(cursor) }
            let page: AuditPage<Item> = try await get(service, path + query)
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    /// One audit document.
    func get<Value: Decodable>(_ service: String, _ path: String) async throws -> Value {
        let client = APIClient(baseURL: config.url(of: service), bearer: try await tokens.token())
        let reply = try await client.send(.GET, path)
        guard reply.status == 200 else {
            throw CheckError("\(service) \(path) answered \(reply.status): \(reply.text.prefix(300))")
        }
        do {
            return try EventCoding.decoder().decode(Value.self, from: reply.body)
        } catch {
            throw CheckError("\(service) \(path) returned a document this CLI cannot read: \(error)")
        }
    }

    /// The ids of the messages waiting in each consumer's dead-letter queue (at most 50 listed per queue).
    func deadLetters() async throws -> [String: [String]] {
        var configuration = try AMQPConfiguration(url: amqpURL)
        configuration.recovery = nil
        configuration.connectionName = "mercato check"
        let connection = try await AMQPConnection.connect(configuration: configuration)
        defer { Task { try? await connection.close() } }
        var result: [String: [String]] = [:]
        for service in Self.consumers {
            let queue = DeadLetterQueue(service: service, connection: connection)
            let count = try await queue.count()
            guard count > 0 else {
                result[service] = []
                continue
            }
            let listed = try await queue.peek(limit: 50).map { "\($0.eventType ?? "?") \($0.eventID ?? "?"): \($0.reason ?? "no reason")" }
            result[service] = listed + (count > listed.count ? ["… and \(count - listed.count) more"] : [])
        }
        return result
    }
}

/// `mercato check` could not read the stack; the message says what failed.
struct CheckError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import AMQP
import AsyncHTTPClient
import Contracts
import Foundation
import Invariants
import LocalCluster
import Messaging
import NIOCore
import Resilience

/// Reads one `AuditSnapshot` from a running stack: the services' audit endpoints (with the CLI's service token), the
/// broker's dead-letter queues and its management API. Every read is bounded by `deadline`; one that fails or runs out
/// of time makes only its own part unknown.
struct AuditReader: Sendable {
    /// Services with an outbox.
    static let producers = ["identity", "catalog", "orders", "payments"]
    /// Services with an event queue (and so an inbox and a dead-letter queue).
    static let consumers = ["catalog", "orders", "payments", "notifications"]

    let config: StackConfig
    let tokens: ServiceTokenProvider
    let rabbitMQ: RabbitMQServer
    /// How long one request (a page, a summary, a broker call) may take.
    let deadline: Duration
    /// How far apart the two readings of each consumer queue are.
    let queueInterval: Duration

    /// A reader for the stack `config` describes, authenticating as `CLIClient` with `secret`.
    init(config: StackConfig, secret: String, rabbitMQ: RabbitMQServer, deadline: Duration, queueInterval: Duration = .seconds(2)) {
        self.config = config
        self.rabbitMQ = rabbitMQ
        self.deadline = deadline
        self.queueInterval = queueInterval
        self.tokens = ServiceTokenProvider(
            config: ServiceAuthConfig(tokenURL: config.url(of: "identity") + "/oauth/token", clientID: CLIClient.id,
                                      clientSecret: secret, scope: AuditScope.scope),
            httpClient: .shared)
    }

    /// Everything, read now, all at once; the queues are read twice, `queueInterval` apart, meanwhile.
    func snapshot() async -> AuditSnapshot {
        let takenAt = Date()
        async let queues = BrokerQueueReader(rabbitMQ: rabbitMQ, deadline: deadline).motions(of: Self.consumers, interval: queueInterval)
        async let stock: AuditReading<[StockAudit]> = reading("catalog", "/internal/v1/audit/stock") { try await pages("catalog", $0) }
        async let reservations: AuditReading<[ReservationAudit]> = reading("catalog", "/internal/v1/audit/reservations") {
            try await pages("catalog", $0)
        }
        async let orders: AuditReading<[OrderAudit]> = reading("orders", "/internal/v1/audit/orders") { try await pages("orders", $0) }
        async let payments: AuditReading<[PaymentAudit]> = reading("payments", "/internal/v1/audit/payments") { try await pages("payments", $0) }
        async let ledger: AuditReading<LedgerAudit> = reading("payments", "/internal/v1/audit/ledger") { try await get("payments", $0) }
        async let outboxes: [String: AuditReading<OutboxAudit>] = perService(Self.producers, "/internal/v1/audit/outbox") {
            try await get($0, $1)
        }
        async let delivery = deliveryReadings()
        async let deadLetters = deadLetterReadings()
        let (sentEvents, inboxes) = await delivery
        return AuditSnapshot(takenAt: takenAt, stock: await stock, reservations: await reservations, orders: await orders,
                             payments: await payments, ledger: await ledger, outboxes: await outboxes, deadLetters: await deadLetters,
                             sentEvents: sentEvents, inboxes: inboxes, queues: await queues)
    }

    /// The producers' sent events, then the consumers' inboxes: read in that order, an event sent after its producer
    /// was read can only add to an inbox, never be missed by it.
    func deliveryReadings() async -> (sent: [String: AuditReading<[OutboxEventAudit]>], inboxes: [String: AuditReading<ConsumerInbox>]) {
        let sent: [String: AuditReading<[OutboxEventAudit]>] = await perService(Self.producers, "/internal/v1/audit/outbox/events") {
            try await pages($0, $1)
        }
        let inboxes: [String: AuditReading<ConsumerInbox>] = await perService(Self.consumers, "/internal/v1/audit/inbox") { service, path in
            let summary: InboxAudit = try await get(service, path)
            return ConsumerInbox(summary: summary, events: try await pages(service, path + "/events"))
        }
        return (sent, inboxes)
    }

    /// `read(path)` of `service`, or unknown naming the service, the path and what went wrong.
    func reading<Value: Sendable>(_ service: String, _ path: String, _ read: (String) async throws -> Value) async -> AuditReading<Value> {
        do {
            return .read(try await read(path))
        } catch {
            return .unknown("\(service) \(path): \(CheckError.describe(error))")
        }
    }

    /// `read(service, path)` of every service in `services`, at once.
    func perService<Value: Sendable>(_ services: [String], _ path: String,
                                     _ read: @escaping @Sendable (String, String) async throws -> Value) async -> [String: AuditReading<Value>] {
        await withTaskGroup(of: (String, AuditReading<Value>).self) { group in
            for service in services {
                group.addTask { (service, await reading(service, path) { try await read(service, $0) }) }
            }
            var readings: [String: AuditReading<Value>] = [:]
            for await (service, reading) in group { readings[service] = reading }
            return readings
        }
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

    /// One audit document, within `deadline` (the token included).
    func get<Value: Decodable & Sendable>(_ service: String, _ path: String) async throws -> Value {
        let reply = try await CheckError.within(deadline) { [config, tokens] in
            try await APIClient(baseURL: config.url(of: service), bearer: try await tokens.token()).send(.GET, path)
        }
        guard reply.status == 200 else { throw CheckError("answered \(reply.status): \(reply.text.prefix(300))") }
        do {
            return try EventCoding.decoder().decode(Value.self, from: reply.body)
        } catch {
            throw CheckError("returned a document this CLI cannot read: \(error)")
        }
    }

    /// The ids of the messages waiting in each consumer's dead-letter queue (at most 50 listed per queue), all queues at
    /// once on one connection.
    func deadLetterReadings() async -> [String: AuditReading<[String]>] {
        let connection: AMQPConnection
        do {
            connection = try await CheckError.within(deadline) { [rabbitMQ, deadline] in
                var configuration = try AMQPConfiguration(url: rabbitMQ.amqpURL)
                configuration.recovery = nil
                configuration.connectionName = "mercato check"
                configuration.connectTimeout = .nanoseconds(Int64(deadline.inSeconds * 1e9))
                return try await AMQPConnection.connect(configuration: configuration)
            }
        } catch {
            let reason = CheckError.describe(error)
            return Dictionary(uniqueKeysWithValues: Self.consumers.map { ($0, .unknown("\($0).dlq: rabbitmq: \(reason)")) })
        }
        let result: [String: AuditReading<[String]>] = await perService(Self.consumers, "dead-letter queue") { [deadline] service, _ in
            try await CheckError.within(deadline) { try await Self.deadLetters(DeadLetterQueue(service: service, connection: connection)) }
        }
        _ = try? await CheckError.within(deadline) { try await connection.close() }
        return result
    }

    /// One queue's dead letters, described (at most 50).
    static func deadLetters(_ queue: DeadLetterQueue) async throws -> [String] {
        let count = try await queue.count()
        guard count > 0 else { return [] }
        let listed = try await queue.peek(limit: 50).map { "\($0.eventType ?? "?") \($0.eventID ?? "?"): \($0.reason ?? "no reason")" }
        return listed + (count > listed.count ? ["… and \(count - listed.count) more"] : [])
    }
}

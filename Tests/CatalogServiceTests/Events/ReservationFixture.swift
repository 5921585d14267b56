import Configuration
import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Testing
@testable import CatalogService

/// A fresh catalog database, its pool running for the duration of `body`.
func withCatalogDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
    try await TestPostgres.withMigratedDatabase(prefix: "catalog", migrations: CatalogService.definition.migrations, body)
}

/// Catalog settings with the given reservation TTL in seconds.
func catalogConfig(ttl: Double = 900, sweepBatch: Int = 200) -> CatalogConfig {
    CatalogConfig(reader: ConfigReader(provider: InMemoryProvider(values: [
        "catalog.reservationTTL": .init(.double(ttl), isSecret: false),
        "catalog.reservationSweepBatch": .init(.int(sweepBatch), isSecret: false),
    ])))
}

/// Applies order events through `CatalogService.eventHandlers`, as the consumer does, and reads what they left.
struct ReservationFixture: Sendable {
    let database: Database
    let handlers: EventHandlers
    let config: CatalogConfig

    init(database: Database, ttl: Double = 900, sweepBatch: Int = 200) {
        self.database = database
        self.config = catalogConfig(ttl: ttl, sweepBatch: sweepBatch)
        self.handlers = CatalogService.eventHandlers(config: config)
    }

    /// The JSON body of an envelope carrying `payload` about `subject`.
    static func body<P: EventPayload>(_ payload: P, id: UUID = UUID(), subject: String) throws -> Data {
        try EventCoding.encoder().encode(EventEnvelope(id: id, subject: subject, data: payload))
    }

    /// Applies one delivered body.
    @discardableResult
    func apply(_ body: Data) async throws -> EventApplication {
        try await handlers.apply(body: body, attempt: 1, consumer: CatalogService.consumerName, database: database)
    }

    /// order-created for `orderID` with `lines` (product, quantity).
    @discardableResult
    func created(_ orderID: UUID, _ lines: [(UUID, Int)], id: UUID = UUID()) async throws -> EventApplication {
        let items = lines.map { OrderLineItem(productID: $0.0, sku: "SKU", quantity: $0.1, unitPrice: EventMoney(amount: 100, currency: "EUR")) }
        let event = OrderCreated(orderID: orderID, customerID: UUID(), lines: items, total: EventMoney(amount: 100, currency: "EUR"))
        return try await apply(Self.body(event, id: id, subject: orderID.uuidString.lowercased()))
    }

    /// order-confirmed for `orderID`.
    @discardableResult
    func confirmed(_ orderID: UUID, id: UUID = UUID()) async throws -> EventApplication {
        let event = OrderConfirmed(orderID: orderID, customerID: UUID(), total: EventMoney(amount: 100, currency: "EUR"))
        return try await apply(Self.body(event, id: id, subject: orderID.uuidString.lowercased()))
    }

    /// order-cancelled for `orderID`.
    @discardableResult
    func cancelled(_ orderID: UUID, id: UUID = UUID()) async throws -> EventApplication {
        let event = OrderCancelled(orderID: orderID, customerID: UUID(), reason: .customerCancelled, detail: nil,
                                   total: EventMoney(amount: 100, currency: "EUR"))
        return try await apply(Self.body(event, id: id, subject: orderID.uuidString.lowercased()))
    }

    /// A product with `onHand` units restocked through the ledger.
    func product(onHand: Int64, status: ProductStatus = .active, currency: String = "EUR", amount: Int64 = 1000) async throws -> UUID {
        let id = UUID()
        let draft = ProductDraft(sku: "SKU-\(id.uuidString.prefix(8))", name: "Product", status: status, price: Money(amount: amount, currency: currency))
        _ = try await ProductStore(database: database).create(draft, id: id)
        if onHand > 0 { _ = try await StockStore(database: database).adjust(id, delta: onHand, reason: .restock, actor: "test") }
        return id
    }

    /// Product `id`'s stock figures.
    func stock(_ id: UUID) async throws -> StockLevel {
        try #require(try await StockStore(database: database).level(id))
    }

    /// The state of `orderID`'s reservation, if any.
    func state(_ orderID: UUID) async throws -> ReservationState? {
        try await database.query("SELECT state FROM reservations WHERE order_id = \(orderID)").first
            .flatMap { ReservationState(rawValue: try $0.decode(String.self)) }
    }

    /// Outbox rows of the saga events (not stock-updated) about `orderID`, as (type name, body), oldest first.
    func sagaEvents(_ orderID: UUID) async throws -> [(name: String, body: String)] {
        let rows = try await database.query("""
            SELECT event_type, body FROM outbox WHERE subject = \(orderID.uuidString.lowercased()) ORDER BY seq
            """)
        return try rows.map { row in
            let (type, body) = try row.decode((String, String).self)
            return (type.replacingOccurrences(of: "mercato.catalog.", with: "").replacingOccurrences(of: ".v1", with: ""), body)
        }
    }

    /// Decodes the payload of an outbox body.
    static func payload<P: EventPayload>(_ type: P.Type, _ body: String) throws -> P {
        try EventCoding.decoder().decode(EventEnvelope<P>.self, from: Data(body.utf8)).data
    }

    /// Product `id`'s ledger movements as (reason, delta, order id), oldest first.
    func movements(_ id: UUID) async throws -> [(reason: String, delta: Int64, order: UUID?)] {
        let rows = try await database.query("SELECT reason, delta, order_id FROM stock_movements WHERE product_id = \(id) ORDER BY id")
        return try rows.map { row in
            let (reason, delta, order) = try row.decode((String, Int64, UUID?).self)
            return (reason, delta, order)
        }
    }

    /// Products breaking a stock invariant: on_hand ≠ ledger sum, reserved ≠ units of held reservations, or
    /// figures outside 0 ≤ reserved ≤ on_hand.
    func invariantViolations() async throws -> [UUID] {
        let rows = try await database.query("""
            SELECT s.product_id FROM stock s
            WHERE s.on_hand <> COALESCE((SELECT sum(m.delta) FROM stock_movements m WHERE m.product_id = s.product_id), 0)
               OR s.reserved <> COALESCE((SELECT sum(l.quantity) FROM reservation_lines l JOIN reservations r USING (order_id)
                                          WHERE l.product_id = s.product_id AND r.state = 'held'), 0)
               OR s.reserved < 0 OR s.reserved > s.on_hand
            """)
        return try rows.map { try $0.decode(UUID.self) }
    }

    /// Runs the expiry job's sweep once.
    @discardableResult
    func sweep() async throws -> Int {
        try await ReservationExpiryJob(database: database, config: config, logger: database.logger).sweep()
    }
}

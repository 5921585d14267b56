import Contracts
import Foundation
import MercatoCore
import Messaging
import PostgresNIO

/// Orders' stock reservations, changed by the saga's events inside the event's inbox transaction: every
/// write and the events announcing it commit together with the inbox claim, or not at all.
struct ReservationStore: Sendable {
    /// How long a hold lasts before the expiry job gives it back.
    let ttl: Duration

    /// order-created: holds every line or none. An order that already has a reservation (or was cancelled
    /// before it arrived) is left alone and nothing is published.
    func reserve(orderID: UUID, lines: [StockLine], on connection: DatabaseConnection) async throws {
        if try await Self.lockReservation(orderID, on: connection) != nil { return }
        guard let merged = ReservationRequest.merged(lines), !merged.isEmpty else {
            throw PermanentEventFailure("order-created \(orderID) has no lines or a quantity outside 1...\(ReservationRequest.maximumQuantity)")
        }
        let stock = try await ReservationStock.lock(merged.map(\.productID), on: connection)
        switch ReservationRequest.evaluate(merged, stock: stock) {
        case .refuse(let failed):
            try await Outbox.enqueue(StockReservationFailed(orderID: orderID, failedLines: failed), subject: CatalogEvents.subject(orderID),
                                     on: connection)
        case .reserve(let held):
            let seconds = Double(ttl.components.seconds) + Double(ttl.components.attoseconds) / 1e18
            let rows = try await connection.run("""
                INSERT INTO reservations (order_id, state, expires_at)
                VALUES (\(orderID), \(ReservationState.held.rawValue), now() + make_interval(secs => \(seconds)))
                RETURNING expires_at
                """)
            let expiresAt = try rows[0].decode(Date.self)
            try await connection.run("""
                INSERT INTO reservation_lines (order_id, product_id, quantity)
                SELECT \(orderID), v.product_id, v.quantity FROM unnest(\(held.map(\.productID))::uuid[], \(held.map(\.quantity))::int8[])
                    AS v(product_id, quantity)
                """)
            try await ReservationStock.apply(.hold, to: held, orderID: orderID, on: connection)
            try await Outbox.enqueue(StockReserved(orderID: orderID, lines: held.map(\.stockLine), expiresAt: expiresAt),
                                     subject: CatalogEvents.subject(orderID), on: connection)
        }
    }

    /// order-confirmed: see `ReservationLifecycle.onConfirmed`. A late confirm without enough available stock
    /// throws `PermanentEventFailure` (the event goes to the DLQ for an operator).
    func confirm(orderID: UUID, on connection: DatabaseConnection) async throws {
        let current = try await Self.lockReservation(orderID, on: connection)
        let lines = current == nil ? [] : try await Self.lines(of: orderID, on: connection)
        try await perform(ReservationLifecycle.onConfirmed(current, hasLines: !lines.isEmpty), orderID: orderID, lines: lines, on: connection)
    }

    /// order-cancelled: see `ReservationLifecycle.onCancelled`.
    func cancel(orderID: UUID, on connection: DatabaseConnection) async throws {
        let current = try await Self.lockReservation(orderID, on: connection)
        let lines = current == nil ? [] : try await Self.lines(of: orderID, on: connection)
        try await perform(ReservationLifecycle.onCancelled(current), orderID: orderID, lines: lines, on: connection)
    }

    /// Carries out `step` for the (locked) reservation of `orderID` holding `lines`.
    private func perform(_ step: ReservationStep, orderID: UUID, lines: [ReservedLine], on connection: DatabaseConnection) async throws {
        switch step {
        case .nothing:
            return
        case .refuse(let reason):
            throw PermanentEventFailure("\(reason) (order \(CatalogEvents.subject(orderID)))")
        case .recordCancelled:
            try await connection.run("""
                INSERT INTO reservations (order_id, state, expires_at) VALUES (\(orderID), \(ReservationState.released.rawValue), now())
                """)
        case .transition(let effect, let state):
            let stock = try await ReservationStock.lock(lines.map(\.productID), on: connection)
            if effect == .sellAvailable {
                let short = lines.filter { (stock[$0.productID]?.available ?? 0) < $0.quantity }
                guard short.isEmpty else {
                    let detail = short.map { "\(CatalogEvents.subject($0.productID)) needs \($0.quantity), \(stock[$0.productID]?.available ?? 0) available" }
                    throw PermanentEventFailure("order-confirmed after the reservation lapsed and stock is short: "
                                                + "\(detail.joined(separator: "; ")) (order \(CatalogEvents.subject(orderID)))")
                }
            }
            try await ReservationStock.apply(effect, to: lines, orderID: orderID, on: connection)
            try await Self.setState(state, of: [orderID], on: connection)
        }
    }

    /// The state of `orderID`'s reservation, its row locked until the transaction ends; nil when there is none.
    static func lockReservation(_ orderID: UUID, on connection: DatabaseConnection) async throws -> ReservationState? {
        let rows = try await connection.run("SELECT state FROM reservations WHERE order_id = \(orderID) FOR UPDATE")
        return try rows.first.flatMap { ReservationState(rawValue: try $0.decode(String.self)) }
    }

    /// The lines of `orderID`'s reservation, in product id order.
    static func lines(of orderID: UUID, on connection: DatabaseConnection) async throws -> [ReservedLine] {
        let rows = try await connection.run("""
            SELECT product_id, quantity FROM reservation_lines WHERE order_id = \(orderID) ORDER BY product_id
            """)
        return try rows.map { row in
            let (id, quantity) = try row.decode((UUID, Int64).self)
            return ReservedLine(productID: id, quantity: quantity)
        }
    }

    /// Moves the reservations of `orderIDs` to `state`.
    static func setState(_ state: ReservationState, of orderIDs: [UUID], on connection: DatabaseConnection) async throws {
        try await connection.run("""
            UPDATE reservations SET state = \(state.rawValue), updated_at = now() WHERE order_id = ANY(\(orderIDs))
            """)
    }
}

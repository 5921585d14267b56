import Contracts
import Foundation

/// One product's units in a reservation (an order's lines merged per product).
public struct ReservedLine: Sendable, Equatable {
    /// Product id.
    public var productID: UUID
    /// Units (≥ 1).
    public var quantity: Int64

    /// A line with every field.
    public init(productID: UUID, quantity: Int64) {
        self.productID = productID
        self.quantity = quantity
    }

    /// The line as events carry it.
    var stockLine: StockLine { StockLine(productID: productID, quantity: Int(quantity)) }
}

/// The stock of one product as a reservation attempt sees it (its row locked).
public struct ReservableStock: Sendable, Equatable {
    /// Units in the warehouse.
    public var onHand: Int64
    /// Units already held.
    public var reserved: Int64
    /// Whether the product is `active` (only active products are sold).
    public var isActive: Bool

    /// A figure set with every field.
    public init(onHand: Int64, reserved: Int64, isActive: Bool) {
        self.onHand = onHand
        self.reserved = reserved
        self.isActive = isActive
    }

    /// Units that can still be held.
    public var available: Int64 { onHand - reserved }
}

/// What reserving an order's lines comes to: all of them, or none with every line that did not fit.
public enum ReservationOutcome: Sendable, Equatable {
    /// Every line fits: hold these.
    case reserve([ReservedLine])
    /// At least one line does not fit: hold nothing, report these.
    case refuse([UnavailableLine])
}

/// The all-or-nothing rule of stock reservations, without I/O.
public enum ReservationRequest {
    /// Largest units of one product an order may hold; keeps sums far from overflow.
    public static let maximumQuantity: Int64 = 1_000_000

    /// `lines` merged per product and sorted by product id (the order rows are locked in, so concurrent
    /// reservations never deadlock); nil when a line asks for fewer than 1 or more than `maximumQuantity` units.
    public static func merged(_ lines: [StockLine]) -> [ReservedLine]? {
        guard lines.allSatisfy({ $0.quantity >= 1 && Int64($0.quantity) <= maximumQuantity }) else { return nil }
        let merged = totals(lines.map { ReservedLine(productID: $0.productID, quantity: Int64($0.quantity)) })
        return merged.allSatisfy { $0.quantity <= maximumQuantity } ? merged : nil
    }

    /// `lines` summed per product, in product id order (several reservations' lines given back at once).
    public static func totals(_ lines: [ReservedLine]) -> [ReservedLine] {
        var units: [UUID: Int64] = [:]
        for line in lines { units[line.productID, default: 0] += line.quantity }
        return units.map { ReservedLine(productID: $0.key, quantity: $0.value) }.sorted { lockOrder($0.productID, $1.productID) }
    }

    /// Whether `lhs` comes before `rhs` in PostgreSQL's `uuid` order (bytewise, the same as lowercase hex text).
    public static func lockOrder(_ lhs: UUID, _ rhs: UUID) -> Bool {
        lhs.uuidString.lowercased() < rhs.uuidString.lowercased()
    }

    /// Every line held when each is for a known, active product with enough available units; otherwise none,
    /// listing each line that failed (an unknown or inactive product counts 0 available).
    public static func evaluate(_ lines: [ReservedLine], stock: [UUID: ReservableStock]) -> ReservationOutcome {
        let failed = lines.compactMap { line -> UnavailableLine? in
            let available = stock[line.productID].map { $0.isActive ? max(0, $0.available) : 0 } ?? 0
            guard available < line.quantity else { return nil }
            return UnavailableLine(productID: line.productID, requested: Int(line.quantity), available: Int(available))
        }
        return failed.isEmpty ? .reserve(lines) : .refuse(failed)
    }
}

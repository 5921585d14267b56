import Contracts

/// What one reservation step does to a product's stock row and ledger, per unit of a line.
public enum StockEffect: Sendable, Equatable {
    /// order-created: the units are held (reserved += q).
    case hold
    /// order-cancelled while held: the hold is given back (reserved −= q).
    case release
    /// The expiry job: a lapsed hold is given back (reserved −= q).
    case expire
    /// order-confirmed while held: held units leave the warehouse (on_hand −= q, reserved −= q, a `sale` movement).
    case sellHeld
    /// order-confirmed after the hold was released or expired: units are taken from what is available
    /// (on_hand −= q, a `sale` movement), refused when not enough is available.
    case sellAvailable
    /// order-cancelled after it was committed: sold units come back (on_hand += q, a `return` movement).
    case takeBack

    /// Change to `on_hand` for `quantity` units.
    public func onHandDelta(_ quantity: Int64) -> Int64 {
        switch self {
        case .hold, .release, .expire: return 0
        case .sellHeld, .sellAvailable: return -quantity
        case .takeBack: return quantity
        }
    }

    /// Change to `reserved` for `quantity` units.
    public func reservedDelta(_ quantity: Int64) -> Int64 {
        switch self {
        case .hold: return quantity
        case .release, .expire, .sellHeld: return -quantity
        case .sellAvailable, .takeBack: return 0
        }
    }

    /// The ledger reason of the movement this effect appends; nil when on-hand stock does not move.
    public var ledgerReason: String? {
        switch self {
        case .hold, .release, .expire: return nil
        case .sellHeld, .sellAvailable: return "sale"
        case .takeBack: return "return"
        }
    }

    /// The `reason` of the `stock-updated` event announcing the change.
    public var eventReason: String {
        switch self {
        case .hold: return "reserved"
        case .release: return "released"
        case .expire: return "expired"
        case .sellHeld, .sellAvailable: return "sale"
        case .takeBack: return "return"
        }
    }
}

/// What an order event does to the order's reservation.
public enum ReservationStep: Sendable, Equatable {
    /// Nothing: the reservation is already where the event would take it.
    case nothing
    /// Apply `effect` to every line and move the reservation to `state`.
    case transition(StockEffect, to: ReservationState)
    /// Record an empty `released` reservation for an order catalog never reserved, so a late order-created
    /// reserves nothing.
    case recordCancelled
    /// The event cannot be applied: dead-letter it with this reason for an operator.
    case refuse(String)
}

/// The reservation's life as the saga's events drive it, without I/O. A state of nil means no reservation exists.
public enum ReservationLifecycle {
    /// order-confirmed: held → committed; committed stays; released/expired (a late confirm) → committed from
    /// available stock; refused for an order that was never reserved.
    public static func onConfirmed(_ state: ReservationState?, hasLines: Bool) -> ReservationStep {
        switch state {
        case nil:
            return .refuse("order-confirmed for an order catalog never reserved")
        case .held:
            return .transition(.sellHeld, to: .committed)
        case .committed:
            return .nothing
        case .released, .expired:
            guard hasLines else { return .refuse("order-confirmed for an order that was cancelled before catalog reserved it") }
            return .transition(.sellAvailable, to: .committed)
        }
    }

    /// order-cancelled: held → released; committed → released with the units back on hand; released/expired
    /// stays; an unknown order gets an empty released reservation.
    public static func onCancelled(_ state: ReservationState?) -> ReservationStep {
        switch state {
        case nil: return .recordCancelled
        case .held: return .transition(.release, to: .released)
        case .committed: return .transition(.takeBack, to: .released)
        case .released, .expired: return .nothing
        }
    }

    /// The expiry job, for a reservation past its expiry: only a held one lapses.
    public static func onExpiryDue(_ state: ReservationState) -> ReservationStep {
        state == .held ? .transition(.expire, to: .expired) : .nothing
    }
}

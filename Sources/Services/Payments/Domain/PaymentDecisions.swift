import Contracts

/// What `payment-requested` does, given what is stored for the order (pure).
enum ChargeDecision: Sendable, Equatable {
    /// Insert the payment `pending` and charge it.
    case create
    /// A pending payment exists: charge it again with its idempotency key (the provider answers the first result).
    case resume
    /// The payment already ended (a redelivery or a retry): nothing to do.
    case alreadyDone
    /// The order was cancelled before it was charged: never charge it.
    case skipCancelled

    /// The decision for an order whose stored payment is in `state` (nil: none) and that was `cancelled` or not.
    /// A pending payment is resumed even for a cancelled order: the provider may hold its charge, which must be
    /// settled so the cancellation can refund it.
    static func decide(existing state: PaymentState?, cancelled: Bool) -> ChargeDecision {
        switch state {
        case nil: cancelled ? .skipCancelled : .create
        case .pending: .resume
        case .succeeded, .failed, .refunded: .alreadyDone
        }
    }
}

/// What `order-cancelled` does, given the order's stored payment (pure).
enum RefundDecision: Sendable, Equatable {
    /// No payment yet: the recorded cancellation keeps a later payment-requested from charging.
    case rememberOnly
    /// Charged and not refunded: refund it.
    case refund
    /// A charge is being settled: try again later (the event is retried).
    case waitForCharge
    /// Failed or already refunded: nothing to do.
    case nothing

    /// The decision for a stored payment in `state` (nil: none).
    static func decide(existing state: PaymentState?) -> RefundDecision {
        switch state {
        case nil: .rememberOnly
        case .succeeded: .refund
        case .pending: .waitForCharge
        case .failed, .refunded: .nothing
        }
    }
}

import Contracts

/// What can happen to an order: an event from catalog or payments, a person's command, or the saga timeout.
public enum OrderSagaInput: Sendable, Equatable, Hashable {
    /// Catalog holds every line (`stock-reserved`).
    case stockReserved
    /// Catalog could not hold every line (`stock-reservation-failed`).
    case stockReservationFailed
    /// The charge succeeded (`payment-succeeded`).
    case paymentSucceeded
    /// The charge failed (`payment-failed`), with the provider's code.
    case paymentFailed(PaymentFailureCode)
    /// The hold lapsed before the order was confirmed (`reservation-expired`).
    case reservationExpired
    /// The customer cancels (`POST …/cancel` by the owner).
    case customerCancel
    /// Staff cancel (`POST …/cancel` by staff or admin).
    case staffCancel
    /// The saga made no progress within `orders.sagaTimeout`.
    case sagaTimeout
    /// Staff mark the order shipped.
    case markShipped
    /// Staff mark the order delivered.
    case markDelivered
}

/// Something the saga asks to be published (through the outbox, in the transaction of the change).
public enum OrderSagaEmission: Sendable, Equatable {
    /// `payment-requested`: payments charges the order's total with the customer's card token.
    case paymentRequested
    /// `order-confirmed`: catalog commits the reservation.
    case orderConfirmed
    /// `order-cancelled`: catalog releases the reservation, payments refunds any charge.
    case orderCancelled(CancellationReason)
    /// `order-status-updated`: emitted on every status change.
    case statusUpdated(from: OrderStatusName, to: OrderStatusName, reason: CancellationReason?)
}

/// The saga's answer to one input in one state.
public enum OrderSagaOutcome: Sendable, Equatable {
    /// Move to `status` and publish `emissions`.
    case transition(to: OrderStatusName, emissions: [OrderSagaEmission])
    /// Nothing to do: a duplicate, an out-of-order or a late arrival (e.g. payment-succeeded for a cancelled order:
    /// payments refunds that charge when it handles order-cancelled).
    case ignore
    /// A command that is not allowed in this state (the API answers 409 with `reason`).
    case reject(String)
}

/// The order saga: a pure state machine from (status, input) to the next status and what to publish.
///
/// PENDING ─stock-reserved→ AWAITING_PAYMENT ─payment-succeeded→ CONFIRMED ─ship→ SHIPPED ─deliver→ DELIVERED.
/// Any failure before shipping (out of stock, payment failed, reservation expired, a cancel, the saga timeout
/// while PENDING / AWAITING_PAYMENT) → CANCELLED + order-cancelled, which releases stock and refunds a charge.
/// A reservation that expired while the order was CONFIRMED (catalog expired it before handling order-confirmed)
/// cancels the order too: a confirmed order must hold committed stock, so it is refunded instead.
public enum OrderSaga {
    /// The outcome of `input` for an order in `status`.
    public static func decide(_ status: OrderStatusName, _ input: OrderSagaInput) -> OrderSagaOutcome {
        switch (status, input) {
        case (.pending, .stockReserved):
            return move(status, to: .awaitingPayment, emitting: [.paymentRequested])
        case (.pending, .stockReservationFailed):
            return cancel(status, .outOfStock)
        case (.pending, .reservationExpired), (.awaitingPayment, .reservationExpired), (.confirmed, .reservationExpired):
            return cancel(status, .reservationExpired)
        case (.awaitingPayment, .paymentSucceeded):
            return move(status, to: .confirmed, emitting: [.orderConfirmed])
        case (.awaitingPayment, .paymentFailed(let code)):
            return cancel(status, code == .declined ? .paymentDeclined : .paymentFailed)
        case (.pending, .customerCancel), (.awaitingPayment, .customerCancel), (.confirmed, .customerCancel):
            return cancel(status, .customerCancelled)
        case (.pending, .staffCancel), (.awaitingPayment, .staffCancel), (.confirmed, .staffCancel):
            return cancel(status, .staffCancelled)
        case (.pending, .sagaTimeout), (.awaitingPayment, .sagaTimeout):
            return cancel(status, .sagaTimeout)
        case (.confirmed, .markShipped):
            return move(status, to: .shipped, emitting: [])
        case (.shipped, .markDelivered):
            return move(status, to: .delivered, emitting: [])
        case (.shipped, .customerCancel), (.shipped, .staffCancel), (.delivered, .customerCancel), (.delivered, .staffCancel):
            return .reject("An order that has shipped can no longer be cancelled.")
        case (.pending, .markShipped), (.awaitingPayment, .markShipped), (.cancelled, .markShipped), (.delivered, .markShipped):
            return .reject("Only a confirmed order can be marked shipped (it is \(status.rawValue)).")
        case (.pending, .markDelivered), (.awaitingPayment, .markDelivered), (.confirmed, .markDelivered), (.cancelled, .markDelivered):
            return .reject("Only a shipped order can be marked delivered (it is \(status.rawValue)).")
        default:
            // Duplicates (stock-reserved twice, a repeated cancel or ship), out-of-order and late events.
            return .ignore
        }
    }

    /// Whether the saga is still waiting on catalog or payments (the states the timeout applies to).
    public static func isInFlight(_ status: OrderStatusName) -> Bool {
        status == .pending || status == .awaitingPayment
    }

    private static func move(_ from: OrderStatusName, to: OrderStatusName, emitting: [OrderSagaEmission]) -> OrderSagaOutcome {
        .transition(to: to, emissions: emitting + [.statusUpdated(from: from, to: to, reason: nil)])
    }

    private static func cancel(_ from: OrderStatusName, _ reason: CancellationReason) -> OrderSagaOutcome {
        .transition(to: .cancelled, emissions: [.orderCancelled(reason), .statusUpdated(from: from, to: .cancelled, reason: reason)])
    }
}

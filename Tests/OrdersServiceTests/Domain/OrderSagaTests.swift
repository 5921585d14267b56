import Contracts
import Testing
@testable import OrdersService

/// Tier: pure unit. Every status × every input against an explicit table of expected outcomes.
@Suite struct OrderSagaTests {
    /// Every input the saga knows, payment-failed once per failure code.
    static let inputs: [OrderSagaInput] = [
        .stockReserved, .stockReservationFailed, .paymentSucceeded,
        .paymentFailed(.declined), .paymentFailed(.insufficientFunds), .paymentFailed(.providerUnavailable),
        .paymentFailed(.invalidToken), .reservationExpired, .customerCancel, .staffCancel, .sagaTimeout,
        .markShipped, .markDelivered,
    ]

    /// Every (status, input) pair.
    static let pairs: [(OrderStatusName, OrderSagaInput)] = OrderStatusName.allCases.flatMap { status in inputs.map { (status, $0) } }

    static let notShipped = OrderSagaOutcome.reject("Only a confirmed order can be marked shipped")
    static let notDelivered = OrderSagaOutcome.reject("Only a shipped order can be marked delivered")
    static let alreadyShipped = OrderSagaOutcome.reject("An order that has shipped can no longer be cancelled.")

    /// A cancellation from `from` for `reason`, spelled out.
    static func cancelled(_ from: OrderStatusName, _ reason: CancellationReason) -> OrderSagaOutcome {
        .transition(to: .cancelled, emissions: [.orderCancelled(reason), .statusUpdated(from: from, to: .cancelled, reason: reason)])
    }

    /// The expected outcome of every pair, row by row.
    static func expected(_ status: OrderStatusName, _ input: OrderSagaInput) -> OrderSagaOutcome {
        switch status {
        case .pending:
            switch input {
            case .stockReserved:
                return .transition(to: .awaitingPayment, emissions: [.paymentRequested, .statusUpdated(from: .pending, to: .awaitingPayment, reason: nil)])
            case .stockReservationFailed: return cancelled(.pending, .outOfStock)
            case .paymentSucceeded, .paymentFailed: return .ignore
            case .reservationExpired: return cancelled(.pending, .reservationExpired)
            case .customerCancel: return cancelled(.pending, .customerCancelled)
            case .staffCancel: return cancelled(.pending, .staffCancelled)
            case .sagaTimeout: return cancelled(.pending, .sagaTimeout)
            case .markShipped: return notShipped
            case .markDelivered: return notDelivered
            }
        case .awaitingPayment:
            switch input {
            case .stockReserved, .stockReservationFailed: return .ignore
            case .paymentSucceeded:
                return .transition(to: .confirmed, emissions: [.orderConfirmed, .statusUpdated(from: .awaitingPayment, to: .confirmed, reason: nil)])
            case .paymentFailed(.declined): return cancelled(.awaitingPayment, .paymentDeclined)
            case .paymentFailed: return cancelled(.awaitingPayment, .paymentFailed)
            case .reservationExpired: return cancelled(.awaitingPayment, .reservationExpired)
            case .customerCancel: return cancelled(.awaitingPayment, .customerCancelled)
            case .staffCancel: return cancelled(.awaitingPayment, .staffCancelled)
            case .sagaTimeout: return cancelled(.awaitingPayment, .sagaTimeout)
            case .markShipped: return notShipped
            case .markDelivered: return notDelivered
            }
        case .confirmed:
            switch input {
            case .stockReserved, .stockReservationFailed, .paymentSucceeded, .paymentFailed, .sagaTimeout: return .ignore
            case .reservationExpired: return cancelled(.confirmed, .reservationExpired)
            case .customerCancel: return cancelled(.confirmed, .customerCancelled)
            case .staffCancel: return cancelled(.confirmed, .staffCancelled)
            case .markShipped: return .transition(to: .shipped, emissions: [.statusUpdated(from: .confirmed, to: .shipped, reason: nil)])
            case .markDelivered: return notDelivered
            }
        case .shipped:
            switch input {
            case .stockReserved, .stockReservationFailed, .paymentSucceeded, .paymentFailed, .reservationExpired, .sagaTimeout, .markShipped:
                return .ignore
            case .customerCancel, .staffCancel: return alreadyShipped
            case .markDelivered: return .transition(to: .delivered, emissions: [.statusUpdated(from: .shipped, to: .delivered, reason: nil)])
            }
        case .delivered:
            switch input {
            case .stockReserved, .stockReservationFailed, .paymentSucceeded, .paymentFailed, .reservationExpired, .sagaTimeout, .markDelivered:
                return .ignore
            case .customerCancel, .staffCancel: return alreadyShipped
            case .markShipped: return notShipped
            }
        case .cancelled:
            switch input {
            case .stockReserved, .stockReservationFailed, .paymentSucceeded, .paymentFailed, .reservationExpired,
                 .customerCancel, .staffCancel, .sagaTimeout:
                return .ignore
            case .markShipped: return notShipped
            case .markDelivered: return notDelivered
            }
        }
    }

    @Test(arguments: pairs)
    func everyStatusAndInput(_ status: OrderStatusName, _ input: OrderSagaInput) {
        let actual = OrderSaga.decide(status, input)
        switch (actual, Self.expected(status, input)) {
        case (.reject(let message), .reject(let prefix)):
            #expect(message.hasPrefix(prefix), "\(status) × \(input): \(message)")
        default:
            #expect(actual == Self.expected(status, input), "\(status) × \(input)")
        }
    }

    @Test func theTableCoversEveryPair() {
        #expect(Self.pairs.count == OrderStatusName.allCases.count * 13)
        #expect(Set(Self.inputs).count == 13)
    }

    @Test func onlyPendingAndAwaitingPaymentAreInFlight() {
        #expect(OrderStatusName.allCases.filter(OrderSaga.isInFlight) == [.pending, .awaitingPayment])
    }

    @Test func theHappyPathAndItsDuplicates() {
        var status = OrderStatusName.pending
        for input in [OrderSagaInput.stockReserved, .stockReserved, .paymentSucceeded, .paymentSucceeded, .markShipped, .markShipped,
                      .markDelivered, .markDelivered] {
            if case .transition(let next, _) = OrderSaga.decide(status, input) { status = next }
        }
        #expect(status == .delivered)
    }
}

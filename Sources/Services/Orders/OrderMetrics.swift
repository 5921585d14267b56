import Contracts
import Foundation
import Metrics

/// The orders service's business metrics: `orders_placed_total`, `orders_completed_total{status}` (an order reaching
/// CONFIRMED, CANCELLED or DELIVERED), `order_placement_to_outcome_seconds{status}` (placement until the saga ends
/// in CONFIRMED or CANCELLED) and `orders_idempotency_keys_deleted_total{state}` (expired keys deleted by the sweep,
/// `completed` or `abandoned`).
struct OrderMetrics: Sendable {
    /// Where the counters go; nil → the process's bootstrapped backend (tests hand in a `TestMetrics`).
    var factory: (any MetricsFactory)? = nil

    /// Counts one placed order.
    func recordPlaced() {
        counter("orders_placed_total").increment()
    }

    /// Records a status change of an order placed at `placedAt`, made at `at`.
    func recordTransition(from: OrderStatusName, to: OrderStatusName, placedAt: Date, at: Date) {
        guard [.confirmed, .cancelled, .delivered].contains(to) else { return }
        counter("orders_completed_total", [("status", to.rawValue)]).increment()
        guard OrderSaga.isInFlight(from) else { return }
        let seconds = max(0, at.timeIntervalSince(placedAt))
        Timer(label: "order_placement_to_outcome_seconds", dimensions: [("status", to.rawValue)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }

    /// Counts idempotency keys deleted after their retention: `completed` ones and `abandoned` claims.
    func recordIdempotencyKeysDeleted(completed: Int, abandoned: Int) {
        for (state, count) in [("completed", completed), ("abandoned", abandoned)] where count > 0 {
            counter("orders_idempotency_keys_deleted_total", [("state", state)]).increment(by: count)
        }
    }

    private func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Counter {
        guard let factory else { return Counter(label: label, dimensions: dimensions) }
        return Counter(label: label, dimensions: dimensions, factory: factory)
    }
}

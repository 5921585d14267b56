import Contracts
import Foundation
import Metrics

/// The orders service's business metrics: `orders_placed_total`, `orders_completed_total{status}` (an order reaching
/// CONFIRMED, CANCELLED or DELIVERED) and `order_placement_to_outcome_seconds{status}` (placement until the saga ends
/// in CONFIRMED or CANCELLED).
struct OrderMetrics: Sendable {
    /// Counts one placed order.
    func recordPlaced() {
        Counter(label: "orders_placed_total").increment()
    }

    /// Records a status change of an order placed at `placedAt`, made at `at`.
    func recordTransition(from: OrderStatusName, to: OrderStatusName, placedAt: Date, at: Date) {
        guard [.confirmed, .cancelled, .delivered].contains(to) else { return }
        Counter(label: "orders_completed_total", dimensions: [("status", to.rawValue)]).increment()
        guard OrderSaga.isInFlight(from) else { return }
        let seconds = max(0, at.timeIntervalSince(placedAt))
        Timer(label: "order_placement_to_outcome_seconds", dimensions: [("status", to.rawValue)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }
}

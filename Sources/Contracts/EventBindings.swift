/// Which service consumes which events: the routing keys each consuming service binds its queue to.
///
/// The services' `EventHandlers` must bind exactly these (each service's tests check it), so that the producers and
/// `mercato up` know the topology without asking a running consumer: `mercato up` declares every consumer's queues and
/// bindings before any service starts, and the outbox relay publishes an event `mandatory` exactly when some service
/// binds its routing key — an event that should reach a queue and reached none is returned, not marked sent.
public enum EventBindings {
    /// Routing keys bound per consuming service.
    public static let byService: [String: [String]] = [
        "catalog": [OrderCreated.routingKey, OrderConfirmed.routingKey, OrderCancelled.routingKey].sorted(),
        "orders": [StockReserved.routingKey, StockReservationFailed.routingKey, ReservationExpired.routingKey,
                   PaymentSucceeded.routingKey, PaymentFailed.routingKey].sorted(),
        "payments": [PaymentRequested.routingKey, OrderCancelled.routingKey].sorted(),
        "notifications": [UserRegistered.routingKey, UserUpdated.routingKey, UserDeleted.routingKey, PriceChanged.routingKey,
                          OrderConfirmed.routingKey, OrderCancelled.routingKey, PaymentRefunded.routingKey].sorted(),
    ]

    /// Every routing key some service binds.
    public static let consumedRoutingKeys: Set<String> = Set(byService.values.joined())

    /// Whether some service consumes events with `routingKey` (so publishing one must reach at least one queue).
    public static func isConsumed(_ routingKey: String) -> Bool { consumedRoutingKeys.contains(routingKey) }
}

/// Every event type Mercato publishes, for schema tests, topology and consumers' routing.
public enum EventCatalog {
    /// All payload types.
    public static let all: [any EventPayload.Type] = [
        UserRegistered.self, UserUpdated.self, UserDeleted.self,
        ProductCreated.self, ProductUpdated.self, ProductDeleted.self, PriceChanged.self, StockUpdated.self,
        StockReserved.self, StockReservationFailed.self, ReservationExpired.self,
        OrderCreated.self, PaymentRequested.self, OrderConfirmed.self, OrderCancelled.self, OrderStatusUpdated.self,
        PaymentSucceeded.self, PaymentFailed.self, PaymentRefunded.self,
    ]
}

/// A user's per-topic switches: the part of the notification preferences the user edits here.
public struct TopicSwitches: Codable, Sendable, Equatable {
    /// Account messages (welcome).
    public var account: Bool
    /// Price drops (also needs marketing opt-in from identity).
    public var priceDrop: Bool
    /// Order updates.
    public var orders: Bool

    /// Switches with every value given; every topic is on by default.
    public init(account: Bool = true, priceDrop: Bool = true, orders: Bool = true) {
        self.account = account
        self.priceDrop = priceDrop
        self.orders = orders
    }

    /// What a user has before choosing: everything on.
    public static let defaults = TopicSwitches()

    /// Whether `topic` is switched on.
    public func isOn(_ topic: NotificationTopic) -> Bool {
        switch topic {
        case .account: return account
        case .priceDrop: return priceDrop
        case .orders: return orders
        }
    }

    enum CodingKeys: String, CodingKey {
        case account, priceDrop = "price_drop", orders
    }
}

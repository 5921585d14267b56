/// Which channels a notification on a topic goes to, from the recipient's identity settings and topic switches.
///
/// The price-drop fan-out applies the same rules in SQL (`PriceDropFanOut`); tests pin both.
public enum DeliveryRules {
    /// The channels for a `topic` notification to `recipient`: none for a disabled or deleted account, a topic
    /// switched off, or a price drop without marketing opt-in; otherwise in-app, plus email when identity
    /// lists the email channel and an address is known.
    public static func channels(for topic: NotificationTopic, recipient: RecipientContact, switches: TopicSwitches)
        -> [NotificationChannel]
    {
        guard !recipient.disabled, !recipient.deleted, switches.isOn(topic) else { return [] }
        if topic == .priceDrop && !recipient.marketingOptIn { return [] }
        var channels: [NotificationChannel] = [.inApp]
        if recipient.channels.contains(NotificationChannel.email.rawValue) && !recipient.email.isEmpty {
            channels.append(.email)
        }
        return channels
    }

    /// Whether a price change is a drop worth telling: same currency, lower amount.
    public static func isPriceDrop(oldAmount: Int, oldCurrency: String, newAmount: Int, newCurrency: String) -> Bool {
        oldCurrency == newCurrency && newAmount < oldAmount
    }
}

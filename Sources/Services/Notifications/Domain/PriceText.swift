/// Formats an amount of minor units for messages, e.g. `1299 EUR` → `12.99 EUR`.
public enum PriceText {
    /// Currencies without minor units (ISO 4217 exponent 0).
    static let zeroDecimalCurrencies: Set<String> = ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "XPF", "UGX", "PYG"]

    /// `amount` minor units of `currency` as `major.minor CUR`.
    public static func format(amount: Int, currency: String) -> String {
        if zeroDecimalCurrencies.contains(currency) { return "\(amount) \(currency)" }
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }
}

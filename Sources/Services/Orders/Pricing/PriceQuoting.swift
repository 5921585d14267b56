import Contracts

/// Where orders get prices: catalog's internal pricing endpoint (tests may stand in a server of their own).
protocol PriceQuoting: Sendable {
    /// The current prices of `request`'s items; throws a `Problem` the API can answer with (422 for unknown or
    /// inactive products, 503 when catalog cannot be asked).
    func quote(_ request: PriceQuoteRequest) async throws -> PriceQuote
}

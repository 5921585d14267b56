import Contracts
import Hummingbird
import MercatoCore

/// `POST /internal/v1/pricing/quote`: current prices of an order's lines, for orders at checkout.
/// Service tokens only (audience `catalog`, scope `pricing`); user tokens get 403.
struct PricingRoutes: Sendable {
    /// The scope a caller's service token must carry.
    static let scope = "pricing"

    let products: ProductStore
    let audience: String

    /// Registers the route.
    func add(to router: Router<AppRequestContext>) {
        router.post("/internal/v1/pricing/quote", use: quote)
    }

    /// The quote, or 422 naming each line that is unknown, inactive or in another currency.
    @Sendable func quote(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireService(audience: audience, scopes: [Self.scope])
        var request = request
        let body = try await request.decodeJSON(as: PriceQuoteRequest.self, context: context)
        let shape = PriceQuoting.shapeErrors(body)
        if !shape.isEmpty { throw Problem.validation(shape) }
        let known = try await products.quotable(Array(Set(body.items.map(\.productID))))
        return try JSONBody.response(try PriceQuoting.quote(body, products: known))
    }
}

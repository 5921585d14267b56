import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/products/{id}/price` and its history.
struct PriceRoutes: Sendable {
    let products: ProductStore
    let ledger: LedgerStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.put("/api/v1/products/{id}/price", use: setPrice)
        router.get("/api/v1/products/{id}/price-history", use: history)
    }

    /// Sets the price; the history row and the version bump happen in the product's transaction.
    /// The same price again changes nothing. `If-Match` is honoured when sent.
    @Sendable func setPrice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writer = try context.requireCatalogWriter()
        let id = try context.resourceID("product")
        var request = request
        let price = try await request.decodeJSON(as: Money.self, context: context)
        let errors = price.errors(field: "")
        if !errors.isEmpty { throw Problem.validation(errors) }
        let product = try await products.update(id, ifMatch: request.headers[.ifMatch], actor: writer.subject) { current in
            var draft = current.draft
            draft.price = price
            return draft
        }
        return JSONResponse.make(product: product, headers: [.eTag: product.entityTag])
    }

    /// Newest change first, cursor-paginated.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try LedgerPageQuery.parse(request.queryDictionary)
        let product = try await visibleProduct(context: context, products: products)
        let result = try await ledger.priceHistory(product.id, page: page)
        return try JSONResponse.make(Page(items: result.items, nextCursor: result.nextCursor))
    }
}

import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/products/{id}/inventory`: stock figures, manual adjustments and the movement ledger.
struct InventoryRoutes: Sendable {
    let products: ProductStore
    let stock: StockStore
    let ledger: LedgerStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/products/{id}/inventory", use: show)
        router.post("/api/v1/products/{id}/inventory/adjustments", use: adjust)
        router.get("/api/v1/products/{id}/inventory/movements", use: movements)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let product = try await visibleProduct(context: context, products: products)
        guard let level = try await stock.level(product.id) else { throw Problem.notFound("No product with this id.") }
        return try JSONResponse.make(level)
    }

    /// One ledger row and the new on-hand figure, in one transaction; 409 when stock would go negative.
    @Sendable func adjust(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writer = try context.requireCatalogWriter()
        let id = try context.resourceID("product")
        var request = request
        let adjustment = try await request.decodeJSON(as: StockAdjustmentInput.self, context: context).validated()
        let (movement, level) = try await stock.adjust(id, delta: adjustment.delta, reason: adjustment.reason, actor: writer.subject)
        return try JSONResponse.make(StockAdjustmentBody(movement: movement, inventory: level), status: .created)
    }

    /// Newest movement first, cursor-paginated.
    @Sendable func movements(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try LedgerPageQuery.parse(request.queryDictionary)
        let product = try await visibleProduct(context: context, products: products)
        let result = try await ledger.movements(product.id, page: page)
        return try JSONResponse.make(Page(items: result.items, nextCursor: result.nextCursor))
    }
}

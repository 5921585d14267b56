import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/products`: list and search, read with ETags, and staff writes with optimistic concurrency.
struct ProductRoutes: Sendable {
    let products: ProductStore
    let search: ProductSearch

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/products")
        group.get(use: list)
        group.post(use: create)
        group.get("{id}", use: show)
        group.patch("{id}", use: patch)
        group.delete("{id}", use: archive)
    }

    /// Anonymous callers and customers see active products only; asking for another status needs staff.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try ProductListQuery.parse(request.queryDictionary)
        var statuses: [ProductStatus] = [.active]
        if context.isStaff {
            statuses = query.status.map { [$0] } ?? ProductStatus.allCases
        } else if let status = query.status, status != .active {
            _ = try context.requireCatalogWriter()
        }
        let page = try await search.page(query, statuses: statuses)
        return JSONResponse.make(products: page.items, nextCursor: page.nextCursor)
    }

    /// One product with its `ETag`; `Cache-Control: no-cache` reads it from the database rather than the cache.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fresh = CacheControl.requiresFreshRead(request.headers[.cacheControl])
        let product = try await visibleProduct(context: context, products: products, fresh: fresh)
        if let header = request.headers[.ifNoneMatch], EntityTag.ifNoneMatch(header, version: product.version) {
            return Response(status: .notModified, headers: [.eTag: product.entityTag])
        }
        return JSONResponse.make(product: product, headers: [.eTag: product.entityTag])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireCatalogWriter()
        var request = request
        let draft = try await request.decodeJSON(as: ProductInput.self, context: context).validated()
        let product = try await products.create(draft)
        return JSONResponse.make(product: product, status: .created, headers: [
            .location: "/api/v1/products/\(product.id.uuidString.lowercased())", .eTag: product.entityTag,
        ])
    }

    /// A JSON merge patch guarded by `If-Match` (428 without it, 412 when stale).
    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writer = try context.requireCatalogWriter()
        let id = try context.resourceID("product")
        guard let ifMatch = request.headers[.ifMatch] else {
            throw Problem.preconditionRequired("Send If-Match with the product's ETag to change it.")
        }
        var request = request
        let patch = try await request.decodeMergePatch(context: context)
        let product = try await products.update(id, ifMatch: ifMatch, actor: writer.subject) { current in
            try PatchDocument.apply(patch, to: current.draft.jsonValue, allowed: Product.patchableFields, as: ProductInput.self).validated()
        }
        return JSONResponse.make(product: product, headers: [.eTag: product.entityTag])
    }

    /// Archives (never deletes: orders keep referring to products). `If-Match` is honoured when sent.
    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writer = try context.requireCatalogWriter()
        let id = try context.resourceID("product")
        _ = try await products.update(id, ifMatch: request.headers[.ifMatch], actor: writer.subject) { current in
            var draft = current.draft
            draft.status = .archived
            return draft
        }
        return Response(status: .noContent)
    }
}

/// The product named by the path, if the caller may see it: 404 for unknown ids and, for non-staff, non-active products.
/// `fresh` skips the product cache.
func visibleProduct(context: AppRequestContext, products: ProductStore, fresh: Bool = false) async throws -> Product {
    let id = try context.resourceID("product")
    guard let product = try await (fresh ? products.readFresh(id) : products.find(id)), product.isPublic || context.isStaff else {
        throw Problem.notFound("No product with this id.")
    }
    return product
}

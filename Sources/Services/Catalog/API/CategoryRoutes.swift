import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/categories`: the tree (public) and staff edits.
struct CategoryRoutes: Sendable {
    let categories: CategoryStore

    /// Registers the routes.
    func add(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/categories")
        group.get(use: tree)
        group.post(use: create)
        group.get("{id}", use: show)
        group.patch("{id}", use: patch)
        group.delete("{id}", use: delete)
    }

    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forest = CategoryTree.build(try await categories.all())
        return try JSONResponse.make(CategoryTreeBody(items: forest.map(CategoryBody.init)))
    }

    /// The category with its subtree.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.resourceID("category")
        guard let node = CategoryTree.subtree(id, in: CategoryTree.build(try await categories.all())) else {
            throw Problem.notFound("No category with this id.")
        }
        return try JSONResponse.make(CategoryBody(node: node))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireCatalogWriter()
        var request = request
        let draft = try await request.decodeJSON(as: CategoryInput.self, context: context).validated()
        let category = try await categories.create(draft)
        return try JSONResponse.make(CategoryBody(node: CategoryNode(category: category, children: [])), status: .created,
                                     headers: [.location: "/api/v1/categories/\(category.id.uuidString.lowercased())"])
    }

    /// A JSON merge patch of slug, name and parent_id (null makes it a root).
    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireCatalogWriter()
        let id = try context.resourceID("category")
        var request = request
        let patch = try await request.decodeMergePatch(context: context)
        let category = try await categories.update(id) { current in
            try PatchDocument.apply(patch, to: current.editableJSON, allowed: CategoryInput.patchableFields, as: CategoryInput.self).validated()
        }
        let node = CategoryTree.subtree(id, in: CategoryTree.build(try await categories.all()))
        return try JSONResponse.make(CategoryBody(node: node ?? CategoryNode(category: category, children: [])))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireCatalogWriter()
        try await categories.delete(try context.resourceID("category"))
        return Response(status: .noContent)
    }
}

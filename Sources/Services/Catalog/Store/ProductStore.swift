import Foundation
import MercatoCore
import PostgresNIO

/// Products in PostgreSQL: create, read, and versioned updates that record price history in the same transaction.
/// Reads by id go through `cache` when there is one; every update evicts its product from it once committed (a product
/// not yet created is never cached: only rows found are stored).
struct ProductStore: Sendable {
    let database: Database
    var cache: ProductCache? = nil
    let instruments = ProductCacheInstruments()

    /// Inserts a product and its (empty) stock row.
    func create(_ draft: ProductDraft, id: UUID = UUID()) async throws -> Product {
        do {
            return try await database.withTransaction { connection in
                let rows = try await connection.run("""
                    INSERT INTO products AS p (id, sku, name, description, category_id, attributes, images, status, price_amount, price_currency)
                    VALUES (\(id), \(draft.sku), \(draft.name), \(draft.description), \(draft.categoryID),
                            \(draft.attributes.jsonText)::jsonb, \(ProductRow.imagesJSON(draft.images))::jsonb,
                            \(draft.status.rawValue), \(draft.price.amount), \(draft.price.currency))
                    RETURNING \(unescaped: ProductRow.columns)
                    """)
                try await connection.run("INSERT INTO stock (product_id) VALUES (\(id))")
                let product = try ProductRow.decode(rows[0])
                try await CatalogEvents.created(product, on: connection)
                return product
            }
        } catch {
            throw Self.problem(for: error)
        }
    }

    /// The product `id`, or nil; from the cache when it holds it.
    func find(_ id: UUID) async throws -> Product? {
        guard let cache else { return try await read(id) }
        if let product = cache.product(id, now: .now) {
            instruments.hits.increment()
            return product
        }
        instruments.misses.increment()
        let ticket = cache.ticket()
        let product = try await read(id)
        if let product, let ticket { cache.store(product, ticket: ticket, now: .now) }
        return product
    }

    /// The product `id` as the database has it (skipping the cache: the caller asked for `no-cache`), or nil.
    func readFresh(_ id: UUID) async throws -> Product? {
        if cache != nil { instruments.bypasses.increment() }
        return try await read(id)
    }

    private func read(_ id: UUID) async throws -> Product? {
        try await database.execute(FindProductStatement(id: id)).first.map(ProductRow.decode)
    }

    /// Changes product `id` under a row lock: 404 when missing, 412 when `ifMatch` names another version,
    /// no write when `change` returns the same fields; otherwise version +1 and, when the price moved,
    /// a price-history row by `actor` in the same transaction.
    func update(_ id: UUID, ifMatch: String?, actor: String, change: @Sendable (Product) throws -> ProductDraft) async throws -> Product {
        defer { cache?.evict(id) }
        do {
            return try await database.withTransaction { connection in
                let rows = try await connection.run("SELECT \(unescaped: ProductRow.columns) FROM products p WHERE p.id = \(id) FOR UPDATE")
                guard let current = try rows.first.map(ProductRow.decode) else { throw Problem.notFound("No product with this id.") }
                if let ifMatch, !EntityTag.ifMatch(ifMatch, version: current.version) {
                    throw Problem.preconditionFailed("The product has changed: its current version is \(current.version).")
                }
                let draft = try change(current)
                if draft == current.draft { return current }
                let updated = try await connection.run("""
                    UPDATE products AS p SET sku = \(draft.sku), name = \(draft.name), description = \(draft.description),
                        category_id = \(draft.categoryID), attributes = \(draft.attributes.jsonText)::jsonb,
                        images = \(ProductRow.imagesJSON(draft.images))::jsonb, status = \(draft.status.rawValue),
                        price_amount = \(draft.price.amount), price_currency = \(draft.price.currency),
                        version = p.version + 1, updated_at = now()
                    WHERE p.id = \(id)
                    RETURNING \(unescaped: ProductRow.columns)
                    """)
                if draft.price != current.draft.price {
                    try await connection.run("""
                        INSERT INTO price_history (product_id, old_amount, old_currency, new_amount, new_currency, changed_by)
                        VALUES (\(id), \(current.draft.price.amount), \(current.draft.price.currency),
                                \(draft.price.amount), \(draft.price.currency), \(actor))
                        """)
                }
                let product = try ProductRow.decode(updated[0])
                try await CatalogEvents.changed(from: current, to: product, on: connection)
                return product
            }
        } catch {
            throw Self.problem(for: error)
        }
    }

    /// The problem a failed write means to the client; other errors pass through.
    static func problem(for error: any Error) -> any Error {
        if DatabaseError.isUniqueViolation(error, constraint: "products_sku_key") {
            return Problem.conflict("A product with this SKU already exists.")
        }
        if DatabaseError.isForeignKeyViolation(error) {
            return Problem.validation(field: "category_id", "names no existing category")
        }
        return error
    }
}

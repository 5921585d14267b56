import Foundation
import MercatoCore
import PostgresNIO

/// Categories in PostgreSQL. Writes to the tree take one transaction-scoped advisory lock, so two
/// concurrent moves cannot together close a cycle that each alone would not.
struct CategoryStore: Sendable {
    let database: Database

    static let columns = "id, parent_id, slug, name, created_at, updated_at"

    /// Every category (the tree is built by `CategoryTree`).
    func all() async throws -> [Category] {
        try await database.query("SELECT \(unescaped: Self.columns) FROM categories").map(Self.decode)
    }

    /// Inserts a category: 422 for an unknown parent, 409 for a taken slug.
    func create(_ draft: CategoryDraft) async throws -> Category {
        do {
            return try await database.withTransaction { connection in
                try await Self.lockTree(connection)
                if let parent = draft.parentID { try await Self.requireExists(parent, connection) }
                let rows = try await connection.run("""
                    INSERT INTO categories (id, parent_id, slug, name) VALUES (\(UUID()), \(draft.parentID), \(draft.slug), \(draft.name))
                    RETURNING \(unescaped: Self.columns)
                    """)
                return try Self.decode(rows[0])
            }
        } catch {
            throw Self.problem(for: error)
        }
    }

    /// Rewrites category `id` with what `change` makes of it: 404 when missing, 422 for an unknown
    /// parent or one that would create a cycle, 409 for a taken slug.
    func update(_ id: UUID, change: @Sendable (Category) throws -> CategoryDraft) async throws -> Category {
        do {
            return try await database.withTransaction { connection in
                try await Self.lockTree(connection)
                let rows = try await connection.run("SELECT \(unescaped: Self.columns) FROM categories WHERE id = \(id)")
                guard let current = try rows.first.map(Self.decode) else { throw Problem.notFound("No category with this id.") }
                let draft = try change(current)
                if let parent = draft.parentID, parent != current.parentID {
                    try await Self.requireExists(parent, connection)
                    var parents: [UUID: UUID] = [:]
                    for row in try await connection.run("SELECT id, parent_id FROM categories WHERE parent_id IS NOT NULL") {
                        let (child, parentOfChild) = try row.decode((UUID, UUID).self)
                        parents[child] = parentOfChild
                    }
                    if CategoryTree.wouldCreateCycle(moving: id, under: parent, parents: parents) {
                        throw Problem.validation(field: "parent_id", "would make the category its own ancestor")
                    }
                }
                if draft.slug == current.slug, draft.name == current.name, draft.parentID == current.parentID { return current }
                let updated = try await connection.run("""
                    UPDATE categories SET parent_id = \(draft.parentID), slug = \(draft.slug), name = \(draft.name), updated_at = now()
                    WHERE id = \(id) RETURNING \(unescaped: Self.columns)
                    """)
                return try Self.decode(updated[0])
            }
        } catch {
            throw Self.problem(for: error)
        }
    }

    /// Deletes category `id`: 404 when missing, 409 while it has children or products.
    func delete(_ id: UUID) async throws {
        try await database.withTransaction { connection in
            try await Self.lockTree(connection)
            let rows = try await connection.run("""
                SELECT EXISTS (SELECT 1 FROM categories WHERE id = \(id)),
                       EXISTS (SELECT 1 FROM categories WHERE parent_id = \(id)),
                       EXISTS (SELECT 1 FROM products WHERE category_id = \(id))
                """)
            let (exists, hasChildren, hasProducts) = try rows[0].decode((Bool, Bool, Bool).self)
            guard exists else { throw Problem.notFound("No category with this id.") }
            if hasChildren { throw Problem.conflict("The category has subcategories; move or delete them first.") }
            if hasProducts { throw Problem.conflict("The category still has products; move them first.") }
            try await connection.run("DELETE FROM categories WHERE id = \(id)")
        }
    }

    static func lockTree(_ connection: DatabaseConnection) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('mercato.catalog.categories'))")
    }

    static func requireExists(_ id: UUID, _ connection: DatabaseConnection) async throws {
        let rows = try await connection.run("SELECT 1 FROM categories WHERE id = \(id)")
        if rows.isEmpty { throw Problem.validation(field: "parent_id", "names no existing category") }
    }

    static func decode(_ row: PostgresRow) throws -> Category {
        let (id, parent, slug, name, created, updated) = try row.decode((UUID, UUID?, String, String, Date, Date).self)
        return Category(id: id, parentID: parent, slug: slug, name: name, createdAt: created, updatedAt: updated)
    }

    static func problem(for error: any Error) -> any Error {
        if DatabaseError.isUniqueViolation(error, constraint: "categories_slug_key") {
            return Problem.conflict("A category with this slug already exists.")
        }
        return error
    }
}

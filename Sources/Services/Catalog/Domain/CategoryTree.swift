import Foundation

/// A category with its subtree, as `GET /api/v1/categories` returns it.
public struct CategoryNode: Sendable, Equatable {
    /// The category itself.
    public var category: Category
    /// Its children, sorted by name then slug.
    public var children: [CategoryNode]
}

/// Tree rules over the flat category table: nesting and cycle detection.
public enum CategoryTree {
    /// The forest of `categories`: roots (and orphans, defensively) with nested children, sorted by name then slug.
    public static func build(_ categories: [Category]) -> [CategoryNode] {
        let ids = Set(categories.map(\.id))
        var childrenByParent: [UUID: [Category]] = [:]
        var roots: [Category] = []
        for category in categories {
            if let parent = category.parentID, ids.contains(parent) {
                childrenByParent[parent, default: []].append(category)
            } else {
                roots.append(category)
            }
        }
        func node(_ category: Category, depth: Int) -> CategoryNode {
            // The database forbids cycles; the depth bound only guards against a corrupted table.
            let children = depth > 64 ? [] : sorted(childrenByParent[category.id] ?? []).map { node($0, depth: depth + 1) }
            return CategoryNode(category: category, children: children)
        }
        return sorted(roots).map { node($0, depth: 0) }
    }

    /// The node for `id` with its subtree, if present.
    public static func subtree(_ id: UUID, in forest: [CategoryNode]) -> CategoryNode? {
        for node in forest {
            if node.category.id == id { return node }
            if let found = subtree(id, in: node.children) { return found }
        }
        return nil
    }

    /// Whether making `parent` the parent of `category` would close a loop: true when `parent` is
    /// `category` itself or one of its descendants. `parents` maps every category to its parent.
    public static func wouldCreateCycle(moving category: UUID, under parent: UUID, parents: [UUID: UUID]) -> Bool {
        var current: UUID? = parent
        var steps = 0
        while let id = current, steps <= parents.count {
            if id == category { return true }
            current = parents[id]
            steps += 1
        }
        return current != nil
    }

    static func sorted(_ categories: [Category]) -> [Category] {
        categories.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
    }
}

import Foundation
import Testing
@testable import CatalogService

@Suite struct CategoryTreeTests {
    let date = Date(timeIntervalSince1970: 0)
    let root = UUID(), child = UUID(), grandchild = UUID(), other = UUID()

    func category(_ id: UUID, _ parent: UUID?, _ name: String) -> Category {
        Category(id: id, parentID: parent, slug: name.lowercased(), name: name, createdAt: date, updatedAt: date)
    }

    @Test func buildsNestedSortedTree() {
        let forest = CategoryTree.build([
            category(grandchild, child, "Boots"), category(other, nil, "Accessories"),
            category(child, root, "Shoes"), category(root, nil, "Men"),
        ])
        #expect(forest.map(\.category.name) == ["Accessories", "Men"])
        #expect(forest[1].children.map(\.category.name) == ["Shoes"])
        #expect(forest[1].children[0].children.map(\.category.name) == ["Boots"])
        #expect(CategoryTree.subtree(child, in: forest)?.children.count == 1)
        #expect(CategoryTree.subtree(UUID(), in: forest) == nil)
    }

    @Test func detectsCycles() {
        let parents = [child: root, grandchild: child]
        #expect(CategoryTree.wouldCreateCycle(moving: root, under: grandchild, parents: parents))
        #expect(CategoryTree.wouldCreateCycle(moving: root, under: root, parents: parents))
        #expect(CategoryTree.wouldCreateCycle(moving: child, under: grandchild, parents: parents))
        #expect(!CategoryTree.wouldCreateCycle(moving: grandchild, under: root, parents: parents))
        #expect(!CategoryTree.wouldCreateCycle(moving: other, under: grandchild, parents: parents))
    }

    @Test func categoryInputValidation() throws {
        #expect(throws: (any Error).self) { try CategoryInput(slug: "Bad Slug", name: " ", parentID: "x").validated() }
        let draft = try CategoryInput(slug: "shoes", name: " Shoes ", parentID: nil).validated()
        #expect(draft == CategoryDraft(slug: "shoes", name: "Shoes", parentID: nil))
    }
}

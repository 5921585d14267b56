import MercatoCore
import Testing
@testable import CatalogService

@Suite struct StockAndTagTests {
    @Test func stockLevels() {
        let level = StockLevel(onHand: 10, reserved: 3)
        #expect(level.available == 7)
        #expect(level.adjusted(by: -7) == StockLevel(onHand: 3, reserved: 3))
        #expect(level.adjusted(by: -8) == nil)
        #expect(level.adjusted(by: 5)?.onHand == 15)
        #expect(StockLevel(onHand: .max, reserved: 0).adjusted(by: 1) == nil)
    }

    @Test func adjustmentInput() throws {
        let valid = try StockAdjustmentInput(delta: -2, reason: "damage").validated()
        #expect(valid.delta == -2 && valid.reason == .damage)
        for (delta, reason) in [(0, "restock"), (1, "theft"), (2_000_000_000, "restock")] as [(Int64, String)] {
            #expect(throws: Problem.self) { try StockAdjustmentInput(delta: delta, reason: reason).validated() }
        }
        #expect(StockAdjustmentInput.insufficientStock(delta: -3).status == .conflict)
    }

    @Test func entityTags() {
        #expect(EntityTag.of(version: 3) == "\"3\"")
        #expect(EntityTag.ifMatch("\"3\"", version: 3))
        #expect(EntityTag.ifMatch("\"1\", \"3\"", version: 3))
        #expect(EntityTag.ifMatch("*", version: 3))
        #expect(!EntityTag.ifMatch("W/\"3\"", version: 3))
        #expect(!EntityTag.ifMatch("\"2\"", version: 3))
        #expect(EntityTag.ifNoneMatch("W/\"3\"", version: 3))
        #expect(EntityTag.ifNoneMatch("\"3\"", version: 3))
        #expect(!EntityTag.ifNoneMatch("\"4\"", version: 3))
    }

    @Test func productInputDefaultsAndErrors() throws {
        let draft = try ProductInput(sku: "A1", name: "Mug", description: nil, categoryID: nil, attributes: nil, images: nil,
                                     status: nil, price: Money(amount: 500, currency: "EUR")).validated()
        #expect(draft.status == .draft && draft.attributes == .object([:]) && draft.images.isEmpty && draft.description.isEmpty)
        do {
            _ = try ProductInput(sku: "", name: "", description: nil, categoryID: "nope", attributes: .string("x"),
                                 images: ["ftp://a"], status: "sold", price: Money(amount: -5, currency: "EURO")).validated()
            Issue.record("expected 422")
        } catch let problem as Problem {
            #expect(problem.errors?.map(\.field) == ["sku", "name", "category_id", "attributes", "images[0]", "status", "price.amount", "price.currency"])
        }
    }
}

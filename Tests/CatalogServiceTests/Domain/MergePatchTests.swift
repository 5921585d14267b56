import Foundation
import MercatoCore
import Testing
@testable import CatalogService

@Suite struct MergePatchTests {
    func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    /// The examples of RFC 7386 appendix A.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"a":1,"e":null}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfcExamples(target: String, patch: String, result: String) throws {
        #expect(MergePatch.apply(try json(patch), to: try json(target)) == (try json(result)))
    }

    @Test func jsonValueKeepsIntegersAndFractions() throws {
        let value = try json(#"{"n":3,"x":1.5,"t":true,"s":"a/b","l":[null]}"#)
        #expect(value.jsonText == #"{"l":[null],"n":3,"s":"a/b","t":true,"x":1.5}"#)
    }

    @Test func productPatchRevalidates() throws {
        let current = ProductDraft(sku: "SKU-1", name: "Shoe", attributes: .object(["color": .string("red"), "size": .integer(42)]),
                                   price: Money(amount: 1000, currency: "EUR"))
        let patch = try json(#"{"name":"Boot","attributes":{"color":null,"material":"leather"},"price":{"amount":1200}}"#)
        let draft = try PatchDocument.apply(patch, to: current.jsonValue, allowed: Product.patchableFields, as: ProductInput.self).validated()
        #expect(draft.name == "Boot")
        #expect(draft.sku == "SKU-1")
        #expect(draft.attributes == .object(["size": .integer(42), "material": .string("leather")]))
        #expect(draft.price == Money(amount: 1200, currency: "EUR"))
    }

    @Test func productPatchRejectsUnknownFieldsAndBadValues() throws {
        let current = ProductDraft(sku: "SKU-1", name: "Shoe", price: Money(amount: 1000, currency: "EUR")).jsonValue
        #expect(throws: Problem.self) {
            try PatchDocument.apply(try json(#"{"version":3}"#), to: current, allowed: Product.patchableFields, as: ProductInput.self)
        }
        #expect(throws: Problem.self) {
            try PatchDocument.apply(try json(#"[1]"#), to: current, allowed: Product.patchableFields, as: ProductInput.self)
        }
        #expect(throws: Problem.self) {
            try PatchDocument.apply(try json(#"{"sku":null}"#), to: current, allowed: Product.patchableFields, as: ProductInput.self)
        }
        do {
            _ = try PatchDocument.apply(try json(#"{"status":"gone","price":{"currency":"eur"}}"#), to: current,
                                        allowed: Product.patchableFields, as: ProductInput.self).validated()
            Issue.record("expected a validation problem")
        } catch let problem as Problem {
            #expect(problem.status == .unprocessableContent)
            #expect(problem.errors?.map(\.field) == ["status", "price.currency"])
        }
    }
}

import Testing
@testable import CatalogService

@Suite struct CatalogRulesTests {
    @Test func skus() {
        #expect(CatalogRules.skuError("ABC-123_x.1") == nil)
        #expect(CatalogRules.skuError("") != nil)
        #expect(CatalogRules.skuError("-abc") != nil)
        #expect(CatalogRules.skuError("a b") != nil)
        #expect(CatalogRules.skuError(String(repeating: "a", count: 65)) != nil)
    }

    @Test func slugs() {
        #expect(CatalogRules.slugError("men-shoes-2") == nil)
        #expect(CatalogRules.slugError("Men") != nil)
        #expect(CatalogRules.slugError("a--b") != nil)
        #expect(CatalogRules.slugError("-a") != nil)
        #expect(CatalogRules.slugError("") != nil)
    }

    @Test func currencies() {
        #expect(CatalogRules.currencyError("EUR") == nil)
        #expect(CatalogRules.currencyError("eur") != nil)
        #expect(CatalogRules.currencyError("EURO") != nil)
        #expect(CatalogRules.currencyError("ÉUR") != nil)
    }

    @Test func images() {
        #expect(CatalogRules.imageErrors(["https://cdn.example.com/a.png", "http://x.io/b"]).isEmpty)
        let errors = CatalogRules.imageErrors(["ftp://x.io/a", "https://ok.io/a", "not a url", "https://"])
        #expect(errors.map(\.field) == ["images[0]", "images[2]", "images[3]"])
        #expect(CatalogRules.imageErrors(Array(repeating: "https://a.io/x", count: 21)).map(\.field) == ["images"])
    }

    @Test func attributes() {
        #expect(CatalogRules.attributesError(.object(["color": .string("red"), "size": .integer(42)])) == nil)
        #expect(CatalogRules.attributesError(.array([])) != nil)
        #expect(CatalogRules.attributesError(.object(["": .null])) != nil)
        let many = Dictionary(uniqueKeysWithValues: (0...100).map { ("k\($0)", JSONValue.bool(true)) })
        #expect(CatalogRules.attributesError(.object(many)) != nil)
    }

    @Test func money() {
        #expect(Money(amount: 0, currency: "EUR").errors(field: "price").isEmpty)
        #expect(Money(amount: -1, currency: "eu").errors(field: "price").map(\.field) == ["price.amount", "price.currency"])
        #expect(Money(amount: -1, currency: "EUR").errors(field: "").map(\.field) == ["amount"])
    }
}

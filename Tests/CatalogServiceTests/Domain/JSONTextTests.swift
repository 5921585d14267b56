@testable import CatalogService
import Foundation
import Testing

/// The hand-written JSON reader and writers agree with Foundation's on every shape they meet.
@Suite struct JSONTextTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"  { "spaced" : [ 1 , 2 ] , "neg" : -0.5e3 }  "#,
        #"["\u00e9\ud83d\ude00\n\t\"\\\/"]"#,
        #"{"big":12345678901234567890,"small":-9223372036854775808}"#,
        #""just a string""#, "0", "-12", "3.25", "[]", "{}",
    ])
    func parsesWhatFoundationParses(text: String) throws {
        let ours = try JSONValue.parse(text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == foundation)
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a" 1}"#, "tru", "01", "1.", "1e", #""unterminated"#, "\"tab\there\"", #""\x""#,
        #""\ud800""#, "[1] 2", "NaN",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test func writesCompactSortedTextThatReadsBack() throws {
        let value = JSONValue.object(["z": .integer(1), "a": .array([.string("q\"uote\\\n"), .number(1.5), .null]), "m": .bool(true)])
        #expect(value.jsonText == #"{"a":["q\"uote\\\n",1.5,null],"m":true,"z":1}"#)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test(arguments: [nil, UUID()])
    func productBodyIsWhatJSONEncoderWrites(category: UUID?) throws {
        let draft = ProductDraft(sku: "SKU-\"1\"", name: "Zoë's \\ lamp\u{1}", description: "Line one\nline two ✓", categoryID: category,
                                 attributes: .object(["weight_g": .integer(250), "color": .string("teal")]),
                                 images: ["https://img.example.com/a.jpg", "https://img.example.com/b.jpg"],
                                 status: .active, price: Money(amount: 4999, currency: "EUR"))
        let product = Product(id: UUID(), draft: draft, version: 3, createdAt: Date(timeIntervalSince1970: 1_763_000_000.987_654),
                              updatedAt: Date(timeIntervalSince1970: 1_763_086_400.5))
        var ours = ""
        ProductBody(product: product).append(to: &ours)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = String(decoding: try encoder.encode(ProductBody(product: product)), as: UTF8.self)
        #expect(ours == foundation)
    }
}

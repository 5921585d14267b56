import Foundation
import MercatoCore
import Testing
@testable import CatalogService

@Suite struct ListQueryTests {
    @Test func defaults() throws {
        let query = try ProductListQuery.parse([:])
        #expect(query.sort == .createdDescending)
        #expect(query.limit == 20)
        #expect(query.text == nil && query.cursor == nil && query.status == nil)
    }

    @Test func parsesEveryFilter() throws {
        let category = UUID()
        let query = try ProductListQuery.parse([
            "q": "  red shoes ", "category": category.uuidString, "min_price": "100", "max_price": "900",
            "status": "draft", "sort": "relevance", "limit": "100",
        ])
        #expect(query == ProductListQuery(text: "red shoes", categoryID: category, minPrice: 100, maxPrice: 900,
                                          status: .draft, sort: .relevance, limit: 100, cursor: nil))
    }

    @Test(arguments: [
        ["limit": "0"], ["limit": "101"], ["limit": "x"], ["sort": "cheapest"], ["sort": "relevance"],
        ["min_price": "-1"], ["max_price": "1.5"], ["min_price": "10", "max_price": "5"], ["status": "gone"], ["category": "abc"],
    ])
    func invalidParametersAre422(_ parameters: [String: String]) {
        do {
            _ = try ProductListQuery.parse(parameters)
        } catch let problem as Problem {
            #expect(problem.status == .unprocessableContent)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func cursorsRoundTripAndBelongToTheirSort() throws {
        let id = UUID()
        let cursor = ProductCursor(sort: .priceAscending, integer: 1500, id: id)
        let query = try ProductListQuery.parse(["sort": "price", "cursor": cursor.encoded])
        #expect(query.cursor == cursor)
        #expect(throws: Problem.self) { try ProductListQuery.parse(["sort": "-price", "cursor": cursor.encoded]) }
        #expect(throws: Problem.self) { try ProductListQuery.parse(["cursor": "garbage!"]) }
        let missingKey = ProductCursor(sort: .name, id: id).encoded
        #expect(throws: Problem.self) { try ProductListQuery.parse(["sort": "name", "cursor": missingKey]) }
        let outOfRange = ProductCursor(sort: .createdDescending, integer: .max, id: id).encoded
        #expect(throws: Problem.self) { try ProductListQuery.parse(["cursor": outOfRange]) }
    }

    @Test func ledgerPages() throws {
        let query = try LedgerPageQuery.parse(["limit": "2"])
        let page = query.page([9, 8, 7] as [Int64], id: { $0 })
        #expect(page.items == [9, 8])
        let next = try LedgerPageQuery.parse(["cursor": try #require(page.nextCursor)])
        #expect(next.before == 8)
        #expect(query.page([9, 8] as [Int64], id: { $0 }).nextCursor == nil)
        #expect(throws: Problem.self) { try LedgerPageQuery.parse(["limit": "101"]) }
    }
}

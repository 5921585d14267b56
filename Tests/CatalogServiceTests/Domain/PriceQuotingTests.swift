import Contracts
import Foundation
import MercatoCore
import Testing
@testable import CatalogService

/// Tier: unit. The pricing quote's rules.
@Suite struct PriceQuotingTests {
    let a = UUID()
    let b = UUID()

    func product(_ amount: Int64, _ currency: String = "EUR", active: Bool = true) -> QuotableProduct {
        QuotableProduct(sku: "S", name: "N", isActive: active, price: Money(amount: amount, currency: currency))
    }

    func fields(_ body: () throws -> PriceQuote) -> [String] {
        do {
            _ = try body()
            return []
        } catch let problem as Problem {
            return (problem.errors ?? []).map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func linesAreTotalled() throws {
        let request = PriceQuoteRequest(items: [StockLine(productID: a, quantity: 3), StockLine(productID: b, quantity: 1)])
        let quote = try PriceQuoting.quote(request, products: [a: product(250), b: product(99)])
        #expect(quote.lines.map(\.lineTotal.amount) == [750, 99])
        #expect(quote.total == EventMoney(amount: 849, currency: "EUR"))
    }

    @Test func offendingLinesAreNamedByIndex() {
        let request = PriceQuoteRequest(items: [StockLine(productID: a, quantity: 1), StockLine(productID: b, quantity: 1),
                                                StockLine(productID: UUID(), quantity: 1), StockLine(productID: a, quantity: 1)])
        #expect(fields { try PriceQuoting.quote(request, products: [a: product(1, "USD"), b: product(1)]) } == ["items[1].product_id", "items[2].product_id"])
        #expect(fields { try PriceQuoting.quote(request, products: [a: product(1, active: false), b: product(1)]) }
                == ["items[0].product_id", "items[2].product_id", "items[3].product_id"])
    }

    @Test func shapeAndOverflowAreRefused() {
        #expect(fields { try PriceQuoting.quote(PriceQuoteRequest(items: []), products: [:]) } == ["items"])
        let zero = PriceQuoteRequest(items: [StockLine(productID: a, quantity: 0), StockLine(productID: a, quantity: 1000)])
        #expect(fields { try PriceQuoting.quote(zero, products: [a: product(1)]) } == ["items[0].quantity", "items[1].quantity"])
        let huge = PriceQuoteRequest(items: Array(repeating: StockLine(productID: a, quantity: 999), count: 50))
        #expect(fields { try PriceQuoting.quote(huge, products: [a: product(Money.maximumAmount)]) } == ["items"])
    }
}

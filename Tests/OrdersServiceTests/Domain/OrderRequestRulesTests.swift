import Contracts
import Foundation
import MercatoCore
import Testing
@testable import OrdersService

/// Tier: pure unit. Order request validation, idempotency keys and fingerprints, quote checks, list queries.
@Suite struct OrderRequestRulesTests {
    static let address = ShippingAddress(name: "Ada Lovelace", line1: "1 Analytical St", line2: nil, city: "London", postalCode: "N1 9GU",
                                         country: "GB")

    static func request(items: [PlaceOrderRequest.Item] = [.init(productID: UUID(), quantity: 1)], address: ShippingAddress = address,
                        method: String = "card", token: String = "tok_visa") -> PlaceOrderRequest {
        PlaceOrderRequest(items: items, shippingAddress: address, payment: .init(method: method, token: token))
    }

    /// The fields of the 422 `request` fails with (empty when it passes).
    static func failures(_ request: PlaceOrderRequest) -> [String] {
        do {
            try OrderRequestRules.validate(request)
            return []
        } catch let problem as Problem {
            return (problem.errors ?? []).map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func aSensibleRequestPasses() {
        #expect(Self.failures(Self.request()).isEmpty)
        #expect(Self.failures(Self.request(items: (0..<50).map { _ in .init(productID: UUID(), quantity: 999) })).isEmpty)
    }

    @Test func itemCountIsBounded() {
        #expect(Self.failures(Self.request(items: [])) == ["items"])
        #expect(Self.failures(Self.request(items: (0..<51).map { _ in .init(productID: UUID(), quantity: 1) })) == ["items"])
    }

    @Test(arguments: [0, -1, 1000])
    func quantityIsBounded(_ quantity: Int) {
        #expect(Self.failures(Self.request(items: [.init(productID: UUID(), quantity: 1), .init(productID: UUID(), quantity: quantity)]))
                == ["items[1].quantity"])
    }

    @Test func aProductMayAppearOnce() {
        let id = UUID()
        #expect(Self.failures(Self.request(items: [.init(productID: id, quantity: 1), .init(productID: UUID(), quantity: 2),
                                                   .init(productID: id, quantity: 3)])) == ["items[2].product_id"])
    }

    @Test func addressFieldsAreRequiredAndBounded() {
        let blank = ShippingAddress(name: " ", line1: "", line2: nil, city: "", postalCode: "", country: "GB")
        #expect(Self.failures(Self.request(address: blank)) == ["shipping_address.name", "shipping_address.line1", "shipping_address.city",
                                                                 "shipping_address.postal_code"])
        let long = ShippingAddress(name: String(repeating: "a", count: 101), line1: String(repeating: "b", count: 201),
                                   line2: String(repeating: "c", count: 201), city: "C\u{7}", postalCode: String(repeating: "1", count: 21),
                                   country: "GB")
        #expect(Self.failures(Self.request(address: long)) == ["shipping_address.name", "shipping_address.line1", "shipping_address.city",
                                                                "shipping_address.postal_code", "shipping_address.line2"])
    }

    @Test(arguments: ["gb", "XX", "GBR", "", "UK"])
    func countryMustBeAnAssignedAlpha2Code(_ country: String) {
        var address = Self.address
        address.country = country
        #expect(Self.failures(Self.request(address: address)) == ["shipping_address.country"])
    }

    @Test func paymentMustBeACardWithAToken() {
        #expect(Self.failures(Self.request(method: "cash")) == ["payment.method"])
        #expect(Self.failures(Self.request(token: "  ")) == ["payment.token"])
        #expect(Self.failures(Self.request(token: String(repeating: "t", count: 256))) == ["payment.token"])
    }

    @Test func idempotencyKeysAreVisibleASCII() throws {
        #expect(try IdempotencyKey(header: "order-2025-01-01T10:00:00Z#1").value == "order-2025-01-01T10:00:00Z#1")
        #expect(try IdempotencyKey(header: String(repeating: "k", count: 255)).value.count == 255)
        for bad in [nil, "", "has space", "tab\tkey", "ümlaut", String(repeating: "k", count: 256)] {
            #expect(throws: Problem.self, "\(String(describing: bad))") { try IdempotencyKey(header: bad) }
        }
    }

    @Test func theFingerprintIgnoresFormattingButNotContent() throws {
        let id = UUID()
        let one = try JSONDecoder().decode(PlaceOrderRequest.self, from: Data("""
            {"items":[{"product_id":"\(id)","quantity":2}],"payment":{"method":"card","token":"tok_visa"},
             "shipping_address":{"name":"A","line1":"L","city":"C","postal_code":"P","country":"DE"}}
            """.utf8))
        let reordered = try JSONDecoder().decode(PlaceOrderRequest.self, from: Data("""
            { "shipping_address": {"country":"DE","postal_code":"P","city":"C","line1":"L","name":"A"},
              "payment": {"token":"tok_visa","method":"card"}, "items": [ {"quantity":2, "product_id":"\(id)"} ] }
            """.utf8))
        #expect(IdempotencyKey.fingerprint(of: one) == IdempotencyKey.fingerprint(of: reordered))
        #expect(IdempotencyKey.fingerprint(of: one).count == 64)
        var other = one
        other.items[0].quantity = 3
        #expect(IdempotencyKey.fingerprint(of: one) != IdempotencyKey.fingerprint(of: other))
    }

    @Test func aQuoteMustPriceExactlyWhatWasAsked() {
        let items: [PlaceOrderRequest.Item] = [.init(productID: UUID(), quantity: 2), .init(productID: UUID(), quantity: 1)]
        func line(_ item: PlaceOrderRequest.Item, _ unit: Int, _ currency: String = "EUR", total: Int? = nil) -> QuotedLine {
            QuotedLine(productID: item.productID, sku: "S", name: "N", quantity: item.quantity, unitPrice: EventMoney(amount: unit, currency: currency),
                       lineTotal: EventMoney(amount: total ?? unit * item.quantity, currency: currency))
        }
        let good = PriceQuote(lines: [line(items[0], 500), line(items[1], 250)], total: EventMoney(amount: 1250, currency: "EUR"))
        #expect(QuoteCheck.matches(good, items: items))
        #expect(!QuoteCheck.matches(good, items: Array(items.reversed())))
        #expect(!QuoteCheck.matches(PriceQuote(lines: good.lines, total: EventMoney(amount: 1000, currency: "EUR")), items: items))
        #expect(!QuoteCheck.matches(PriceQuote(lines: [line(items[0], 500), line(items[1], 250, "USD")], total: good.total), items: items))
        #expect(!QuoteCheck.matches(PriceQuote(lines: [line(items[0], 500, total: 900), line(items[1], 250)], total: good.total), items: items))
    }

    @Test func listQueriesAreParsedForTheCaller() throws {
        let me = UUID()
        let other = UUID()
        let mine = try OrderListQuery.parse(["status": "CONFIRMED", "limit": "100"], caller: me, isStaff: false)
        #expect(mine == OrderListQuery(customerID: me, status: .confirmed, limit: 100, cursor: nil))
        #expect(try OrderListQuery.parse([:], caller: me, isStaff: true).customerID == nil, "staff see every order")
        #expect(try OrderListQuery.parse(["customer": other.uuidString], caller: me, isStaff: true).customerID == other)
        #expect(try OrderListQuery.parse(["customer": me.uuidString], caller: me, isStaff: false).customerID == me)
        #expect(throws: Problem.forbidden("Only staff may list another customer's orders.")) {
            try OrderListQuery.parse(["customer": other.uuidString], caller: me, isStaff: false)
        }
        for bad in [["limit": "0"], ["limit": "101"], ["limit": "x"], ["status": "LOST"], ["customer": "nope"]] {
            #expect(throws: Problem.self) { try OrderListQuery.parse(bad, caller: me, isStaff: true) }
        }
        #expect(throws: Problem.badRequest("The cursor is not valid.")) { try OrderListQuery.parse(["cursor": "%%"], caller: me, isStaff: false) }
    }
}

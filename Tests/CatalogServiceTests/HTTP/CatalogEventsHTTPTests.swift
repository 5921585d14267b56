import Foundation
import MercatoTestSupport
import Testing

/// Every catalog change writes its event to the outbox in the same transaction; a refused change writes none.
@Suite struct CatalogEventsHTTPTests {
    func outbox(_ database: String) async throws -> [String] {
        try await TestPostgres.psql("SELECT event_type FROM outbox ORDER BY seq", database: database)
            .split(separator: "\n").map(String.init)
    }

    @Test func changesAreAnnouncedThroughTheOutbox() async throws {
        try await CatalogTestApp.runWithDatabase { client, database in
            let product = try await client.createProduct(sku: "EV-1", amount: 1000)
            let id = try #require(product["id"]?.string)
            #expect(try await outbox(database) == ["mercato.catalog.product-created.v1"])

            // A duplicate SKU is refused and announces nothing.
            let duplicate = try await client.send(.post, "/api/v1/products", as: .staff,
                                                  json: #"{"sku":"EV-1","name":"x","description":"","status":"active","price":{"amount":1,"currency":"EUR"}}"#)
            #expect(duplicate.status == .conflict)
            #expect(try await outbox(database).count == 1)

            let price = try await client.send(.put, "/api/v1/products/\(id)/price", as: .staff, json: #"{"amount":800,"currency":"EUR"}"#)
            #expect(price.status == .ok, "\(price.text)")
            let adjustment = try await client.send(.post, "/api/v1/products/\(id)/inventory/adjustments", as: .staff,
                                                   json: #"{"delta":4,"reason":"restock"}"#)
            #expect(adjustment.status == .created)
            let oversell = try await client.send(.post, "/api/v1/products/\(id)/inventory/adjustments", as: .staff,
                                                 json: #"{"delta":-9,"reason":"damage"}"#)
            #expect(oversell.status == .conflict)
            let archive = try await client.send(.delete, "/api/v1/products/\(id)", as: .staff)
            #expect(archive.status == .noContent)
            #expect(try await outbox(database) == [
                "mercato.catalog.product-created.v1",
                "mercato.catalog.product-updated.v1", "mercato.catalog.price-changed.v1",
                "mercato.catalog.stock-updated.v1",
                "mercato.catalog.product-deleted.v1",
            ])
            let body = try await TestPostgres.psql("SELECT body FROM outbox WHERE event_type LIKE '%price-changed%'", database: database)
            #expect(body.contains(#""old_price":{"amount":1000,"currency":"EUR"}"#))
            #expect(body.contains(#""new_price":{"amount":800,"currency":"EUR"}"#))
            #expect(body.contains(#""subject":"\#(id)""#))
        }
    }
}

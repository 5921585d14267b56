import Foundation
import MercatoCore
import PostgresNIO

extension ProductStore {
    /// The products among `ids` that exist, with their status and current price, in one query.
    func quotable(_ ids: [UUID]) async throws -> [UUID: QuotableProduct] {
        let rows = try await database.query("""
            SELECT id, sku, name, status = 'active', price_amount, price_currency FROM products WHERE id = ANY(\(ids))
            """)
        var products: [UUID: QuotableProduct] = [:]
        for row in rows {
            let (id, sku, name, active, amount, currency) = try row.decode((UUID, String, String, Bool, Int64, String).self)
            products[id] = QuotableProduct(sku: sku, name: name, isActive: active, price: Money(amount: amount, currency: currency))
        }
        return products
    }
}

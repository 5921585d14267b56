import Foundation
import PostgresNIO

/// The product-by-id read, prepared once per connection: it is the catalog's hottest query.
struct FindProductStatement: PostgresPreparedStatement {
    static let sql = "SELECT \(ProductRow.columns) FROM products p WHERE p.id = $1"
    /// A fixed name: the default derives it from the type's name on every execution.
    static let name = "catalog.find-product"
    typealias Row = PostgresRow

    var id: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

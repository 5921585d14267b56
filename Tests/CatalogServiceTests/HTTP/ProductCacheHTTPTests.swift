import Foundation
import MercatoTestSupport
import Testing

/// Reads by id come from the product cache, which every committed change evicts — the service's own writes at once,
/// anyone else's through the `products` trigger's NOTIFY — and `Cache-Control: no-cache` reads the database.
@Suite struct ProductCacheHTTPTests {
    @Test func noCacheReadsTheDatabaseWhileTheCacheStillHoldsTheOldRow() async throws {
        try await CatalogTestApp.runWithDatabase(productCache: true) { client, database in
            let id = try await Self.product(client, sku: "CACHE-1")
            let cached = try await Self.untilServedFromCache(client, id: id, database: database)
            let fresh = try await client.send(.get, "/api/v1/products/\(id)", headers: [.cacheControl: "no-cache"])
            #expect(fresh.body["name"]?.string == cached.inDatabase)
            #expect(fresh.headers[.eTag] == "\"\(cached.version)\"")
            let maxAgeZero = try await client.send(.get, "/api/v1/products/\(id)", headers: [.cacheControl: "private, Max-Age=0"])
            #expect(maxAgeZero.body["name"]?.string == cached.inDatabase)
            #expect(try await client.send(.get, "/api/v1/products/\(id)").body["name"]?.string == cached.served, "the cache is untouched")
        }
    }

    @Test func ownWritesEvictAtOnceWithoutTheTrigger() async throws {
        try await CatalogTestApp.runWithDatabase(productCache: true) { client, database in
            let id = try await Self.product(client, sku: "CACHE-2")
            let cached = try await Self.untilServedFromCache(client, id: id, database: database)
            try await TestPostgres.psql("ALTER TABLE products DISABLE TRIGGER products_notify_change", database: database)
            let patched = try await client.send(.patch, "/api/v1/products/\(id)", as: .staff, json: #"{"name":"Desk lamp"}"#,
                                                headers: [.ifMatch: "\"\(cached.version)\""])
            #expect(patched.status == .ok, "\(patched.text)")
            let read = try await client.send(.get, "/api/v1/products/\(id)")
            #expect(read.body["name"]?.string == "Desk lamp")
            #expect(read.headers[.eTag] == "\"\(cached.version + 1)\"")
            #expect(try await client.send(.delete, "/api/v1/products/\(id)", as: .staff).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/products/\(id)").status == .notFound, "archived: hidden from customers at once")
            try await TestPostgres.psql("ALTER TABLE products ENABLE TRIGGER products_notify_change", database: database)
        }
    }

    @Test func changesMadeElsewhereEvictThroughTheTrigger() async throws {
        try await CatalogTestApp.runWithDatabase(productCache: true) { client, database in
            let id = try await Self.product(client, sku: "CACHE-3")
            _ = try await Self.untilServedFromCache(client, id: id, database: database)
            // Another replica (or psql) changes the row: only the NOTIFY can tell this one (the TTL is a minute).
            try await TestPostgres.psql("UPDATE products SET name = 'Armchair', version = version + 1 WHERE id = '\(id)'", database: database)
            let seen = try await eventually(seconds: 10) {
                try await client.send(.get, "/api/v1/products/\(id)").body["name"]?.string == "Armchair"
            }
            #expect(seen)
        }
    }

    @Test func losingTheListeningConnectionStopsTheCacheUntilItListensAgain() async throws {
        try await CatalogTestApp.runWithDatabase(productCache: true) { client, database in
            let id = try await Self.product(client, sku: "CACHE-4")
            let cached = try await Self.untilServedFromCache(client, id: id, database: database)
            // The server ends the listening session: changes made meanwhile cannot be heard, so what the cache holds
            // must not be served any more (before, the stale name above; the TTL is a minute).
            let ended = try await TestPostgres.psql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE 'LISTEN%catalog_products%'
                """, database: database)
            #expect(ended == "1")
            let fresh = try await eventually(seconds: 10) {
                try await client.send(.get, "/api/v1/products/\(id)").body["name"]?.string == cached.inDatabase
            }
            #expect(fresh)
            // And it listens again: a read is cached once more.
            _ = try await Self.untilServedFromCache(client, id: id, database: database)
        }
    }

    static func product(_ client: CatalogClient, sku: String) async throws -> String {
        try #require(try await client.createProduct(sku: sku, name: "Lamp")["id"]?.string)
    }

    /// Waits until catalog answers product `id` from its cache (its listener connects in the background): reads the
    /// product, renames it in the database with the trigger off, and reads again until the old name comes back.
    /// Returns the name served, the name and version in the database.
    static func untilServedFromCache(_ client: CatalogClient, id: String, database: String) async throws
        -> (served: String, inDatabase: String, version: Int)
    {
        var result: (served: String, inDatabase: String, version: Int)?
        let cached = try await eventually(seconds: 10) {
            let before = try #require(try await client.send(.get, "/api/v1/products/\(id)").body["name"]?.string)
            let renamed = "Lamp \(UUID().uuidString.prefix(8))"
            let version = try await TestPostgres.psql("""
                ALTER TABLE products DISABLE TRIGGER products_notify_change;
                UPDATE products SET name = '\(renamed)', version = version + 1 WHERE id = '\(id)' RETURNING version;
                ALTER TABLE products ENABLE TRIGGER products_notify_change;
                """, database: database)
            let after = try await client.send(.get, "/api/v1/products/\(id)").body["name"]?.string
            result = (before, renamed, try #require(Int(version)))
            return after == before
        }
        #expect(cached, "catalog never served the product from its cache")
        return try #require(result)
    }
}

import Foundation
import Testing
@testable import CatalogService

/// The product cache's rules: it answers only while live, a read that raced an eviction is not stored, entries expire,
/// and it never holds more than its capacity.
@Suite struct ProductCacheTests {
    let start = ContinuousClock.now

    func product(_ name: String = "Lamp", id: UUID = UUID(), version: Int = 1) -> Product {
        Product(id: id, draft: ProductDraft(sku: "SKU-\(id.uuidString.prefix(8))", name: name, price: Money(amount: 100, currency: "EUR")),
                version: version, createdAt: Date(), updatedAt: Date())
    }

    /// A live cache holding `held`, stored at `start`.
    func liveCache(holding held: Product) throws -> ProductCache {
        let cache = ProductCache(capacity: 10, ttl: .seconds(60))
        cache.goLive()
        cache.store(held, ticket: try #require(cache.ticket()), now: start)
        return cache
    }

    @Test func answersNothingAndStoresNothingUntilLive() throws {
        let cache = ProductCache(capacity: 10, ttl: .seconds(60))
        let lamp = product()
        #expect(cache.ticket() == nil)
        cache.goLive()
        let ticket = try #require(cache.ticket())
        cache.stop()
        cache.store(lamp, ticket: ticket, now: start)
        #expect(cache.count == 0)
        cache.goLive()
        #expect(cache.product(lamp.id, now: start) == nil)
    }

    @Test func storesAReadAndServesItUntilEvicted() throws {
        let lamp = product()
        let cache = try liveCache(holding: lamp)
        #expect(cache.product(lamp.id, now: start + .seconds(1)) == lamp)
        cache.evict(lamp.id)
        #expect(cache.product(lamp.id, now: start + .seconds(1)) == nil)
    }

    @Test func aReadThatRacedAnEvictionIsNotStored() throws {
        let cache = ProductCache(capacity: 10, ttl: .seconds(60))
        cache.goLive()
        let old = product(version: 1)
        let ticket = try #require(cache.ticket())   // the read starts…
        cache.evict(old.id)                          // …a change commits and is heard…
        cache.store(old, ticket: ticket, now: start) // …and the read, which saw the old row, ends.
        #expect(cache.product(old.id, now: start) == nil)
        let fresh = product(id: old.id, version: 2)
        cache.store(fresh, ticket: try #require(cache.ticket()), now: start)
        #expect(cache.product(old.id, now: start)?.version == 2)
    }

    @Test func losingTheListenerEmptiesTheCacheAndComingBackStartsEmpty() throws {
        let lamp = product()
        let cache = try liveCache(holding: lamp)
        cache.stop()
        #expect(cache.product(lamp.id, now: start) == nil)
        cache.goLive()
        #expect(cache.count == 0)
    }

    @Test func evictAllEmptiesTheCacheAndVoidsReadsInFlightButKeepsItLive() throws {
        let lamp = product()
        let cache = try liveCache(holding: lamp)
        let ticket = try #require(cache.ticket())
        cache.evictAll()
        #expect(cache.product(lamp.id, now: start) == nil)
        cache.store(lamp, ticket: ticket, now: start)
        #expect(cache.count == 0, "a read that started before evictAll is not stored")
        cache.store(lamp, ticket: try #require(cache.ticket(), "still live"), now: start)
        #expect(cache.product(lamp.id, now: start) == lamp)
    }

    @Test func entriesExpireAfterTheTTL() throws {
        let lamp = product()
        let cache = try liveCache(holding: lamp)
        #expect(cache.product(lamp.id, now: start + .seconds(59)) == lamp)
        #expect(cache.product(lamp.id, now: start + .seconds(60)) == nil)
        #expect(cache.count == 0)
    }

    @Test func neverHoldsMoreThanItsCapacity() throws {
        let cache = ProductCache(capacity: 3, ttl: .seconds(60))
        cache.goLive()
        let products = (0..<5).map { product("P\($0)") }
        for item in products { cache.store(item, ticket: try #require(cache.ticket()), now: start) }
        #expect(cache.count == 3)
        #expect(cache.product(products[4].id, now: start) == products[4], "the newest read is kept")
        cache.store(products[4], ticket: try #require(cache.ticket()), now: start)
        #expect(cache.count == 3, "storing a held product again evicts nothing")
    }
}

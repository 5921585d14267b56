import Foundation
import Synchronization

/// Products recently read by id, kept in memory so `GET /api/v1/products/{id}` does not go to PostgreSQL every time.
///
/// It only answers while it is *live*: while a `LISTEN` on the products' change channel is in effect (see
/// `ProductCacheInvalidation`), so every change committed by any replica — or by hand in `psql` — evicts its product
/// here within the notification's delay. When the listening connection drops the cache stops answering and empties;
/// it goes live again, empty, once `LISTEN` is back. Entries also expire after `ttl`, a bound on staleness should a
/// connection die without anyone noticing.
///
/// A read that misses takes a `Ticket` before going to the database and may store what it read only if nothing was
/// evicted meanwhile: an eviction for a change committed during that read would otherwise be undone by the older row.
/// No I/O here: the owner supplies the clock.
final class ProductCache: Sendable {
    /// What a read that missed must show to store its result: the eviction count when it started.
    struct Ticket: Sendable, Equatable {
        fileprivate let evictions: UInt64
    }

    private struct Entry {
        let product: Product
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [UUID: Entry] = [:]
        var evictions: UInt64 = 0
        var live = false
    }

    /// Most products kept; beyond it an arbitrary entry makes room.
    let capacity: Int
    /// How long an entry may be served.
    let ttl: Duration
    private let state = Mutex(State())

    /// A cache of at most `capacity` products, each served for at most `ttl`; not live until `goLive()`.
    init(capacity: Int, ttl: Duration) {
        self.capacity = max(1, capacity)
        self.ttl = ttl
    }

    /// The cached product `id`, or nil when it is not cached, has expired, or the cache is not live.
    func product(_ id: UUID, now: ContinuousClock.Instant) -> Product? {
        state.withLock { state in
            guard state.live, let entry = state.entries[id] else { return nil }
            guard entry.expires > now else {
                state.entries[id] = nil
                return nil
            }
            return entry.product
        }
    }

    /// The ticket for a database read about to start, or nil when the cache is not live (nothing may be stored).
    func ticket() -> Ticket? {
        state.withLock { $0.live ? Ticket(evictions: $0.evictions) : nil }
    }

    /// Keeps `product`, read under `ticket`, unless something was evicted or the cache stopped being live since.
    func store(_ product: Product, ticket: Ticket, now: ContinuousClock.Instant) {
        state.withLock { state in
            guard state.live, state.evictions == ticket.evictions else { return }
            if state.entries[product.id] == nil, state.entries.count >= capacity, let any = state.entries.keys.first {
                state.entries[any] = nil
            }
            state.entries[product.id] = Entry(product: product, expires: now + ttl)
        }
    }

    /// Forgets product `id` (it changed, or may have).
    func evict(_ id: UUID) {
        state.withLock { state in
            state.evictions &+= 1
            state.entries[id] = nil
        }
    }

    /// Forgets every product (a change was announced without saying which).
    func evictAll() {
        reset(live: nil)
    }

    /// Empties the cache and starts answering: changes are being heard from now on.
    func goLive() {
        reset(live: true)
    }

    /// Empties the cache and stops answering: changes may go unheard.
    func stop() {
        reset(live: false)
    }

    /// The number of products held (for tests).
    var count: Int { state.withLock { $0.entries.count } }

    /// Empties the cache, counting it as an eviction, and sets whether it answers (`nil`: as it was).
    private func reset(live: Bool?) {
        state.withLock { state in
            state.evictions &+= 1
            state.entries.removeAll()
            if let live { state.live = live }
        }
    }
}

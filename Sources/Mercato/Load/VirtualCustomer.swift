import AsyncHTTPClient
import Foundation

/// One closed-loop shopper: browse a page, search, open a product, place an order, then watch it until it ends.
struct VirtualCustomer: Sendable {
    let catalog: APIClient
    let orders: APIClient
    let world: LoadWorld
    let mix: OrderMix
    let recorder: LoadRecorder
    /// How long to wait for an order to reach CONFIRMED or CANCELLED.
    let settleTimeout: Duration

    /// Runs sessions while `shouldContinue()` says so; returns how many orders it placed.
    func run(shouldContinue: @Sendable () async -> Bool) async -> Int {
        var placed = 0
        while await shouldContinue() {
            await timed(.browse) { try await expectOK(catalog.send(.GET, "/api/v1/products?limit=20")) }
            let term = world.searchTerms.randomElement() ?? "a"
            await timed(.search) {
                try await expectOK(catalog.send(.GET, "/api/v1/products?limit=20&q=" + APIClient.queryValue(term)))
            }
            let viewed = world.products.randomElement() ?? world.soldOutProduct
            await timed(.product) { try await expectOK(catalog.send(.GET, "/api/v1/products/\(viewed)")) }
            if await placeAndFollow(mix.outcome(roll: Int.random(in: 0..<mix.total))) { placed += 1 }
        }
        return placed
    }

    /// Places one order built to end as `outcome` and follows it to its end; false when placement failed.
    func placeAndFollow(_ outcome: OrderOutcome) async -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        let reply: APIClient.Reply
        do {
            reply = try await orders.send(.POST, "/api/v1/orders", json: body(for: outcome), headers: ["Idempotency-Key": UUID().uuidString])
        } catch {
            await recorder.fail(.place, "\(error)")
            return false
        }
        guard reply.status == 201, let id = reply.object["id"] as? String else {
            await recorder.fail(.place, "HTTP \(reply.status): \(reply.text.prefix(200))")
            return false
        }
        await recorder.record(.place, microseconds: micros(clock.now - started))
        let status = await follow(id)
        if let status {
            await recorder.record(status == "CONFIRMED" ? .toConfirmed : .toCancelled, microseconds: micros(clock.now - started))
        }
        await recorder.settled(outcome, status: status, orderID: id)
        return true
    }

    /// Polls the order until CONFIRMED or CANCELLED (nil if it does not end within `settleTimeout`). The wait between
    /// polls grows from 5 ms by half each time up to 50 ms, so placement→end times are measured to within 50 ms
    /// without one shopper flooding orders with reads.
    func follow(_ id: String) async -> String? {
        let clock = ContinuousClock()
        let end = clock.now + settleTimeout
        var delay = Duration.milliseconds(5)
        while clock.now < end {
            if let status = (try? await orders.send(.GET, "/api/v1/orders/\(id)"))?.object["status"] as? String,
               status == "CONFIRMED" || status == "CANCELLED" { return status }
            try? await Task.sleep(for: delay)
            delay = min(delay * 3 / 2, .milliseconds(50))
        }
        return nil
    }

    /// The order request: 1–3 stocked lines, plus the sold-out product for an out-of-stock order.
    func body(for outcome: OrderOutcome) -> [String: Any] {
        var lines = (0..<Int.random(in: 1...3)).compactMap { _ in world.products.randomElement() }
        lines = Array(Set(lines))
        if outcome == .outOfStock { lines.append(world.soldOutProduct) }
        return [
            "items": lines.map { ["product_id": $0, "quantity": Int.random(in: 1...2)] },
            "shipping_address": ["name": "Load Customer", "line1": "1 Benchmark Way", "city": "Berlin", "postal_code": "10115", "country": "DE"],
            "payment": ["method": "card", "token": outcome.cardToken],
        ]
    }

    func timed(_ step: LoadStep, _ call: () async throws -> Void) async {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try await call()
            await recorder.record(step, microseconds: micros(clock.now - started))
        } catch {
            await recorder.fail(step, "\(error)")
        }
    }

    func expectOK(_ reply: APIClient.Reply) throws {
        guard reply.status == 200 else { throw LoadError("HTTP \(reply.status): \(reply.text.prefix(200))") }
    }

    func micros(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }
}

import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A stand-in for catalog's `POST /internal/v1/pricing/quote`: prices products it was told about, answers 422 with
/// `items[i].product_id` field errors for the others, and can be switched to failing (503) or to holding requests.
final class CatalogStub: Sendable {
    /// How the stub answers.
    enum Mode: Sendable {
        case pricing, failing, holding
    }

    /// The bearer token the stub accepts (what the static token source hands out).
    static let token = "catalog-test-token"

    private let state = Mutex<(products: [UUID: (sku: String, name: String, price: EventMoney)], mode: Mode, calls: Int)>(([:], .pricing, 0))
    /// Opened by the stub when a held request arrived.
    let arrived = Gate()
    /// Opened by a test to release held requests.
    let release = Gate()

    /// A stub knowing no products.
    init() {}

    /// Prices `id` at `amount` cents of `currency`.
    @discardableResult
    func add(_ id: UUID = UUID(), sku: String = "SKU-\(Int.random(in: 1000...9999))", name: String = "Espresso beans", amount: Int,
             currency: String = "EUR") -> UUID {
        state.withLock { $0.products[id] = (sku, name, EventMoney(amount: amount, currency: currency)) }
        return id
    }

    /// Switches how the stub answers.
    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }

    /// Quote requests received.
    var calls: Int { state.withLock { $0.calls } }

    /// Runs the stub on a local port while `body` runs with its base URL.
    func serve(_ body: @escaping @Sendable (_ baseURL: String) async throws -> Void) async throws {
        let router = Router()
        router.post("/internal/v1/pricing/quote") { request, _ -> Response in try await self.answer(request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            try await body("http://127.0.0.1:\(port)")
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        let mode = state.withLock { state in
            state.calls += 1
            return state.mode
        }
        guard request.headers[.authorization] == "Bearer \(Self.token)" else { return Response(status: .unauthorized) }
        switch mode {
        case .failing: return Response(status: .serviceUnavailable)
        case .holding:
            arrived.open()
            await release.wait()
        case .pricing: break
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let quote = try JSONDecoder().decode(PriceQuoteRequest.self, from: Data(buffer: body))
        let products = state.withLock { $0.products }
        var lines: [QuotedLine] = []
        var unknown: [String] = []
        for (index, item) in quote.items.enumerated() {
            guard let product = products[item.productID] else {
                unknown.append(#"{"field":"items[\#(index)].product_id","message":"no active product with this id"}"#)
                continue
            }
            lines.append(QuotedLine(productID: item.productID, sku: product.sku, name: product.name, quantity: item.quantity,
                                    unitPrice: product.price,
                                    lineTotal: EventMoney(amount: product.price.amount * item.quantity, currency: product.price.currency)))
        }
        if !unknown.isEmpty {
            let problem = #"{"type":"/problems/validation-failed","title":"Validation failed","status":422,"errors":[\#(unknown.joined(separator: ","))]}"#
            return Response(status: .unprocessableContent, headers: [.contentType: "application/problem+json"],
                            body: .init(byteBuffer: ByteBuffer(string: problem)))
        }
        let total = EventMoney(amount: lines.reduce(0) { $0 + $1.lineTotal.amount }, currency: lines.first?.unitPrice.currency ?? "EUR")
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(PriceQuote(lines: lines, total: total)))))
    }
}

/// Holds waiters until opened (a request that "hangs" without sleeping).
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the gate for good, releasing every waiter.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

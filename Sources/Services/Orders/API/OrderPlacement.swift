import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import MercatoCore
import Messaging

/// Places an order: idempotency claim, prices from catalog, then one transaction with the order, its lines, the
/// first history row, the idempotency record and `order-created` in the outbox.
struct OrderPlacement: Sendable {
    let database: Database
    let pricing: any PriceQuoting
    let idempotency: IdempotencyStore
    let metrics: OrderMetrics

    /// The header a replayed response carries.
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    /// Places `request` for `customer` under `key`: 201 with the order, the first response again for a repeated
    /// request, 409 while the first is still in flight, 422 when the key was used for another request.
    func place(_ request: PlaceOrderRequest, customer: UUID, key: IdempotencyKey) async throws -> Response {
        try OrderRequestRules.validate(request)
        let fingerprint = IdempotencyKey.fingerprint(of: request)
        switch try await idempotency.claim(customer: customer, key: key.value, fingerprint: fingerprint) {
        case .claimed:
            break
        case .replay(let status, let body):
            return Self.response(status: HTTPResponse.Status(code: status), body: body, replayed: true, orderID: nil)
        case .inFlight:
            throw Problem.conflict("An order with this Idempotency-Key is still being placed; retry when it has finished.")
        case .mismatch:
            throw Problem(status: .unprocessableContent, type: "/problems/idempotency-key-reused", title: "Idempotency key reused",
                          detail: "This Idempotency-Key was already used for a different order request.")
        }
        do {
            return try await create(request, customer: customer, key: key.value, fingerprint: fingerprint)
        } catch {
            try? await idempotency.release(customer: customer, key: key.value, fingerprint: fingerprint)
            throw error
        }
    }

    private func create(_ request: PlaceOrderRequest, customer: UUID, key: String, fingerprint: String) async throws -> Response {
        let items = request.items.map { StockLine(productID: $0.productID, quantity: $0.quantity) }
        let quote = try await pricing.quote(PriceQuoteRequest(items: items))
        guard QuoteCheck.matches(quote, items: request.items) else { throw CatalogPricingClient.unavailable(retryAfter: nil) }
        let now = Date()
        let order = Order(id: UUID(), customerID: customer, status: .pending, lines: quote.lines, total: quote.total,
                          shippingAddress: request.shippingAddress, payment: request.payment, cancellationReason: nil,
                          cancellationDetail: nil, createdAt: now, updatedAt: now)
        let body = try Self.encode(OrderBody(order))
        try await database.withTransaction { connection in
            try await OrderStore.insert(order, on: connection)
            try await IdempotencyStore.complete(customer: customer, key: key, fingerprint: fingerprint, status: 201, body: body,
                                                orderID: order.id, on: connection)
            try await Outbox.enqueue(OrderCreated(orderID: order.id, customerID: customer, lines: order.lineItems, total: order.total),
                                     subject: order.id.uuidString.lowercased(), on: connection)
        }
        metrics.recordPlaced()
        return Self.response(status: .created, body: body, replayed: false, orderID: order.id)
    }

    /// A JSON response with `body`, `Location` of the order when the body names one, and the replay marker.
    static func response(status: HTTPResponse.Status, body: String, replayed: Bool, orderID: UUID?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let id = orderID ?? (try? JSONDecoder().decode(OrderReference.self, from: Data(body.utf8)))?.id
        if let id { headers[.location] = "/api/v1/orders/\(id.uuidString.lowercased())" }
        if replayed { headers[replayedHeader] = "true" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The JSON text of `value`, exactly as `JSONBody.response` writes it.
    static func encode(_ value: OrderBody) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The id of a stored order response.
struct OrderReference: Decodable {
    var id: UUID
}

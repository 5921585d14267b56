import Contracts
import Foundation
import Testing

/// Every event payload encodes to a document valid under its own JSON Schema, inside a valid CloudEvents envelope.
@Suite struct EventSchemaTests {
    static let product = ProductSnapshot(productID: UUID(), sku: "SKU-1", name: "Lamp", status: "active", categoryID: nil,
                                         price: EventMoney(amount: 4999, currency: "EUR"), version: 3)

    static let samples: [any EventPayload] = [
        UserRegistered(userID: UUID(), email: "ada@example.com", name: "Ada", roles: ["customer"], locale: nil),
        UserUpdated(userID: UUID(), email: "ada@example.com", name: "Ada L.", phone: "+3312345678", roles: ["customer"],
                    disabled: false, channels: ["email", "push"], marketingOptIn: true, locale: "fr-FR"),
        UserDeleted(userID: UUID()),
        ProductCreated(product: product),
        ProductUpdated(product: product),
        ProductDeleted(product: product),
        PriceChanged(productID: UUID(), sku: "SKU-1", productName: "Lamp", oldPrice: EventMoney(amount: 5999, currency: "EUR"),
                     newPrice: EventMoney(amount: 4999, currency: "EUR"), version: 4),
        StockUpdated(productID: UUID(), delta: -2, reason: "damage", onHand: 8, reserved: 1, available: 7),
        StockReserved(orderID: UUID(), lines: [StockLine(productID: UUID(), quantity: 2)], expiresAt: Date()),
        StockReservationFailed(orderID: UUID(), failedLines: [UnavailableLine(productID: UUID(), requested: 3, available: 1)]),
        ReservationExpired(orderID: UUID(), lines: [StockLine(productID: UUID(), quantity: 1)]),
        OrderCreated(orderID: UUID(), customerID: UUID(),
                     lines: [OrderLineItem(productID: UUID(), sku: "SKU-1", quantity: 2, unitPrice: EventMoney(amount: 4999, currency: "EUR"))],
                     total: EventMoney(amount: 9998, currency: "EUR")),
        PaymentRequested(orderID: UUID(), customerID: UUID(), amount: EventMoney(amount: 9998, currency: "EUR"), method: "card", token: "tok_visa"),
        OrderConfirmed(orderID: UUID(), customerID: UUID(), total: EventMoney(amount: 9998, currency: "EUR")),
        OrderCancelled(orderID: UUID(), customerID: UUID(), reason: .paymentDeclined, detail: "Your card was declined.",
                       total: EventMoney(amount: 9998, currency: "EUR")),
        OrderStatusUpdated(orderID: UUID(), customerID: UUID(), previousStatus: .pending, status: .cancelled, reason: .outOfStock),
        OrderStatusUpdated(orderID: UUID(), customerID: UUID(), previousStatus: .pending, status: .awaitingPayment, reason: nil),
        PaymentSucceeded(orderID: UUID(), paymentID: UUID(), amount: EventMoney(amount: 9998, currency: "EUR")),
        PaymentFailed(orderID: UUID(), paymentID: UUID(), code: .insufficientFunds, detail: nil),
        PaymentRefunded(orderID: UUID(), paymentID: UUID(), refundID: UUID(), customerID: UUID(), amount: EventMoney(amount: 9998, currency: "EUR")),
    ]

    @Test func everyPublishedTypeHasASample() {
        #expect(Set(Self.samples.map { type(of: $0).eventType }) == Set(EventCatalog.all.map { $0.eventType }))
    }

    @Test(arguments: samples.indices)
    func payloadMatchesItsSchema(index: Int) throws {
        let payload = Self.samples[index]
        let validator = try SchemaValidator(schema: type(of: payload).jsonSchema)
        try validator.validate(try EventCoding.encoder().encode(payload))
    }

    @Test func validatorRejectsWrongDocuments() throws {
        let validator = try SchemaValidator(schema: StockUpdated.jsonSchema)
        #expect(throws: SchemaValidator.Failure.self) { try validator.validate(Data(#"{"product_id":"x"}"#.utf8)) }
        let negative = #"{"product_id":"\#(UUID())","delta":1,"reason":"restock","on_hand":-1,"reserved":0,"available":0}"#
        #expect(throws: SchemaValidator.Failure.self) { try validator.validate(Data(negative.utf8)) }
        let extra = #"{"product_id":"\#(UUID())","delta":1,"reason":"r","on_hand":1,"reserved":0,"available":1,"x":1}"#
        #expect(throws: SchemaValidator.Failure.self) { try validator.validate(Data(extra.utf8)) }
    }

    @Test func envelopeIsCloudEvents() throws {
        let envelope = EventEnvelope(subject: "p-1", data: StockUpdated(productID: UUID(), delta: 1, reason: "restock", onHand: 1, reserved: 0, available: 1),
                                     traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        let object = try #require(try JSONSerialization.jsonObject(with: try EventCoding.encoder().encode(envelope)) as? [String: Any])
        #expect(object["specversion"] as? String == "1.0")
        #expect(object["type"] as? String == "mercato.catalog.stock-updated.v1")
        #expect(object["source"] as? String == "/mercato/catalog")
        #expect(object["datacontenttype"] as? String == "application/json")
        #expect(object["traceparent"] as? String == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        #expect(envelope.routingKey == "catalog.stock-updated.v1")
        let decoded = try EventCoding.decoder().decode(EventEnvelope<StockUpdated>.self, from: try EventCoding.encoder().encode(envelope))
        #expect(decoded.data == envelope.data)
        #expect(decoded.id == envelope.id)
    }
}

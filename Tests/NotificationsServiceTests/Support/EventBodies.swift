import Contracts
import Foundation
import MercatoCore
import Messaging
@testable import NotificationsService

/// Event bodies exactly as the broker delivers them, and their application through the service's handlers.
enum EventBodies {
    /// The JSON body of an envelope carrying `payload`.
    static func body<P: EventPayload>(_ payload: P, id: UUID = UUID(), time: Date = Date(), subject: String = "s") throws -> Data {
        try EventCoding.encoder().encode(EventEnvelope(id: id, time: time, subject: subject, data: payload))
    }

    /// A registration for `userID`.
    static func registered(_ userID: UUID, email: String = "ada@example.test", name: String = "Ada", locale: String? = "en")
        -> UserRegistered
    {
        UserRegistered(userID: userID, email: email, name: name, roles: ["customer"], locale: locale)
    }

    /// An update for `userID`.
    static func updated(_ userID: UUID, email: String = "ada@example.test", name: String = "Ada", channels: [String]? = ["email"],
                        marketingOptIn: Bool? = true, locale: String? = nil, disabled: Bool = false) -> UserUpdated {
        UserUpdated(userID: userID, email: email, name: name, phone: nil, roles: ["customer"], disabled: disabled,
                    channels: channels, marketingOptIn: marketingOptIn, locale: locale)
    }

    /// A price change of a product named `name`.
    static func priceChanged(from old: Int, to new: Int, currency: String = "EUR", newCurrency: String? = nil, name: String = "Espresso beans")
        -> PriceChanged
    {
        PriceChanged(productID: UUID(), sku: "BEAN-1", productName: name, oldPrice: EventMoney(amount: old, currency: currency),
                     newPrice: EventMoney(amount: new, currency: newCurrency ?? currency), version: 2)
    }
}

/// Applies bodies through `NotificationsService.eventHandlers()` on one database, as the consumer does.
struct EventApplier: Sendable {
    let handlers: EventHandlers
    let database: Database

    init(database: Database) throws {
        self.handlers = try NotificationsService.eventHandlers()
        self.database = database
    }

    /// Applies one delivered body.
    @discardableResult
    func apply(_ body: Data) async throws -> EventApplication {
        try await handlers.apply(body: body, attempt: 1, consumer: NotificationsService.consumerName, database: database)
    }

    /// Applies `payload` in a new envelope.
    @discardableResult
    func apply<P: EventPayload>(_ payload: P, id: UUID = UUID(), time: Date = Date()) async throws -> EventApplication {
        try await apply(try EventBodies.body(payload, id: id, time: time))
    }
}

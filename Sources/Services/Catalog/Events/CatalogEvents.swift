import Contracts
import Foundation
import MercatoCore
import Messaging

/// The events catalog publishes, written to its outbox in the same transaction as the change.
enum CatalogEvents {
    /// The fields of `product` other services keep.
    static func snapshot(_ product: Product) -> ProductSnapshot {
        ProductSnapshot(productID: product.id, sku: product.draft.sku, name: product.draft.name,
                        status: product.draft.status.rawValue, categoryID: product.draft.categoryID,
                        price: EventMoney(amount: Int(product.draft.price.amount), currency: product.draft.price.currency),
                        version: product.version)
    }

    /// `product-created`.
    static func created(_ product: Product, on connection: DatabaseConnection) async throws {
        try await Outbox.enqueue(ProductCreated(product: snapshot(product)), subject: subject(product.id), on: connection)
    }

    /// `product-deleted` when the change archived it, else `product-updated`; plus `price-changed` when the price moved.
    static func changed(from old: Product, to new: Product, on connection: DatabaseConnection) async throws {
        if new.draft.status == .archived && old.draft.status != .archived {
            try await Outbox.enqueue(ProductDeleted(product: snapshot(new)), subject: subject(new.id), on: connection)
        } else {
            try await Outbox.enqueue(ProductUpdated(product: snapshot(new)), subject: subject(new.id), on: connection)
        }
        if new.draft.price != old.draft.price {
            try await Outbox.enqueue(PriceChanged(
                productID: new.id, sku: new.draft.sku, productName: new.draft.name,
                oldPrice: EventMoney(amount: Int(old.draft.price.amount), currency: old.draft.price.currency),
                newPrice: EventMoney(amount: Int(new.draft.price.amount), currency: new.draft.price.currency),
                version: new.version), subject: subject(new.id), on: connection)
        }
    }

    /// `stock-updated` after a movement.
    static func stockMoved(productID: UUID, delta: Int64, reason: String, onHand: Int64, reserved: Int64, on connection: DatabaseConnection) async throws {
        try await Outbox.enqueue(StockUpdated(productID: productID, delta: Int(delta), reason: reason, onHand: Int(onHand),
                                              reserved: Int(reserved), available: Int(onHand - reserved)),
                                 subject: subject(productID), on: connection)
    }

    static func subject(_ id: UUID) -> String { id.uuidString.lowercased() }
}

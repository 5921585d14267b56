import Contracts

/// A payment service provider (PSP) as payments calls it. Every call carries an idempotency key: the provider
/// answers a repeated key with the result it recorded the first time and never charges (or refunds) twice.
public protocol PaymentProvider: Sendable {
    /// Charges `amount` to the card `token`. A decline is a result (`ProviderCharge.status`), not an error;
    /// throws `ProviderError` when the call failed (transient: nothing may be assumed; rejected: never retry).
    func charge(idempotencyKey: String, amount: EventMoney, token: String) async throws -> ProviderCharge
    /// Refunds `amount` of the charge `chargeReference`.
    func refund(idempotencyKey: String, chargeReference: String, amount: EventMoney) async throws -> ProviderRefund
    /// The charge the provider recorded under `idempotencyKey`, if any (after our call timed out it may exist).
    func lookup(idempotencyKey: String) async throws -> ProviderCharge?
}

/// A charge as the provider recorded it.
public struct ProviderCharge: Sendable, Equatable {
    /// How the charge ended at the provider.
    public enum Status: Sendable, Equatable {
        /// Money was taken.
        case succeeded
        /// Nothing was taken, for `code`.
        case failed(PaymentFailureCode)
    }

    /// The provider's id of the charge.
    public var reference: String
    /// Amount asked for.
    public var amount: EventMoney
    /// Its outcome.
    public var status: Status
    /// The provider's message (for failures).
    public var message: String?

    /// A charge with every field.
    public init(reference: String, amount: EventMoney, status: Status, message: String? = nil) {
        self.reference = reference
        self.amount = amount
        self.status = status
        self.message = message
    }
}

/// A refund as the provider recorded it.
public struct ProviderRefund: Sendable, Equatable {
    /// The provider's id of the refund.
    public var reference: String
    /// The charge refunded.
    public var chargeReference: String
    /// Amount given back.
    public var amount: EventMoney

    /// A refund with every field.
    public init(reference: String, chargeReference: String, amount: EventMoney) {
        self.reference = reference
        self.chargeReference = chargeReference
        self.amount = amount
    }
}

/// Why a provider call failed.
public struct ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; a struct so kinds can grow.
    public struct Kind: Hashable, Sendable {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The call failed before or while being processed (network, 5xx); trying again with the same key is safe.
        public static let transient = Kind("transient")
        /// The provider refused the request itself (unknown charge, key reused with other parameters): never retry.
        public static let rejected = Kind("rejected")
    }

    /// The kind.
    public var kind: Kind
    /// What the provider said.
    public var message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

import Contracts
import Foundation
import Synchronization

/// The built-in provider: behaves like a real PSP's test mode, in memory — and, given a `ProviderJournal`, on disk, so
/// its charges outlive a payments restart as a real PSP's do.
///
/// Card tokens: `tok_visa` succeeds, `tok_declined` is declined, `tok_insufficient_funds` fails for insufficient
/// funds, `tok_timeout` never answers (the call suspends until cancelled), any other token is an invalid token.
/// Every call is idempotent on its key: a repeated key answers the recorded result and never charges twice; the same
/// key with other parameters is rejected, as real PSPs do. Chaos knobs (`Settings`): a latency added to every call,
/// and a failure rate — that fraction of calls fails transiently before doing anything.
public final class TestPaymentProvider: PaymentProvider {
    /// The chaos knobs.
    public struct Settings: Sendable, Equatable {
        /// Added to every call before it does anything.
        public var latency: Duration
        /// Fraction (0…1) of calls that fail transiently before doing anything.
        public var failureRate: Double

        /// Knobs; the rate is clamped to 0…1.
        public init(latency: Duration = .zero, failureRate: Double = 0) {
            self.latency = max(.zero, latency)
            self.failureRate = min(1, max(0, failureRate.isFinite ? failureRate : 0))
        }
    }

    /// A recorded charge with the parameters its key was first used with.
    struct Recorded: Sendable {
        var charge: ProviderCharge
        var token: String
        var refunded: Int
    }

    /// Everything the provider remembers.
    struct Ledger: Sendable {
        var charges: [String: Recorded] = [:]
        var keysByReference: [String: String] = [:]
        var refunds: [String: ProviderRefund] = [:]
        var calls = 0
    }

    let settings: Settings
    private let unitRandom: @Sendable () -> Double
    private let state: Mutex<Ledger>
    private let journal: ProviderJournal?

    /// A provider in memory with `settings`; `unitRandom` (in `0..<1`) decides which calls fail, injectable for tests.
    public init(settings: Settings = Settings(), unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.settings = settings
        self.unitRandom = unitRandom
        self.journal = nil
        self.state = Mutex(Ledger())
    }

    /// A provider that keeps its charges and refunds in `journal`: what it recorded before is read back first, and
    /// every new one is appended before it is answered.
    public init(settings: Settings = Settings(), journal: ProviderJournal,
                unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) throws {
        self.settings = settings
        self.unitRandom = unitRandom
        self.journal = journal
        var ledger = Ledger()
        for entry in try journal.read() { ledger.replay(entry) }
        self.state = Mutex(ledger)
    }

    /// The outcome a card token stands for; nil for `tok_timeout` (no answer).
    static func outcome(of token: String) -> (ProviderCharge.Status, String?)? {
        switch token {
        case "tok_visa": return (.succeeded, nil)
        case "tok_declined": return (.failed(.declined), "Your card was declined.")
        case "tok_insufficient_funds": return (.failed(.insufficientFunds), "Your card has insufficient funds.")
        case "tok_timeout": return nil
        default: return (.failed(.invalidToken), "No such card token.")
        }
    }

    public func charge(idempotencyKey: String, amount: EventMoney, token: String) async throws -> ProviderCharge {
        try await begin()
        guard amount.amount > 0 else { throw ProviderError(.rejected, "The amount must be positive.") }
        if let recorded = state.withLock({ $0.charges[idempotencyKey] }) {
            guard recorded.charge.amount == amount, recorded.token == token else {
                throw ProviderError(.rejected, "The idempotency key was used with other parameters.")
            }
            return recorded.charge
        }
        guard let (status, message) = Self.outcome(of: token) else { try await neverAnswer() }
        let candidate = ProviderCharge(reference: "ch_" + Self.newID(), amount: amount, status: status, message: message)
        return try state.withLock { ledger in
            // A concurrent call with the same key may have recorded first: its charge is the one.
            if let recorded = ledger.charges[idempotencyKey] { return recorded.charge }
            let failure: PaymentFailureCode? = if case .failed(let code) = status { code } else { nil }
            let entry = ProviderJournal.Entry.charge(key: idempotencyKey, token: token, reference: candidate.reference, amount: amount,
                                                     failure: failure, message: message)
            // Written before it counts: a charge the journal does not hold was never made.
            try journal?.append(entry)
            ledger.replay(entry)
            return candidate
        }
    }

    public func refund(idempotencyKey: String, chargeReference: String, amount: EventMoney) async throws -> ProviderRefund {
        try await begin()
        return try state.withLock { ledger in
            if let refund = ledger.refunds[idempotencyKey] {
                guard refund.chargeReference == chargeReference, refund.amount == amount else {
                    throw ProviderError(.rejected, "The idempotency key was used with other parameters.")
                }
                return refund
            }
            guard let key = ledger.keysByReference[chargeReference], let recorded = ledger.charges[key],
                  recorded.charge.status == .succeeded
            else { throw ProviderError(.rejected, "No successful charge \(chargeReference).") }
            guard amount.amount > 0, amount.currency == recorded.charge.amount.currency,
                  recorded.refunded + amount.amount <= recorded.charge.amount.amount
            else { throw ProviderError(.rejected, "The refund exceeds what is left of the charge.") }
            let refund = ProviderRefund(reference: "re_" + Self.newID(), chargeReference: chargeReference, amount: amount)
            let entry = ProviderJournal.Entry.refund(key: idempotencyKey, reference: refund.reference, chargeReference: chargeReference,
                                                     amount: amount)
            try journal?.append(entry)
            ledger.replay(entry)
            return refund
        }
    }

    public func lookup(idempotencyKey: String) async throws -> ProviderCharge? {
        try await begin()
        return state.withLock { $0.charges[idempotencyKey]?.charge }
    }

    /// Charges recorded (one per key), for tests and diagnostics.
    public var recordedCharges: [ProviderCharge] { state.withLock { Array($0.charges.values.map(\.charge)) } }

    /// Refunds recorded (one per key).
    public var recordedRefunds: [ProviderRefund] { state.withLock { Array($0.refunds.values) } }

    /// Calls received, failed ones included.
    public var calls: Int { state.withLock { $0.calls } }

    /// Counts the call, waits the latency and fails it at the failure rate.
    private func begin() async throws {
        state.withLock { $0.calls += 1 }
        if settings.latency > .zero { try await Task.sleep(for: settings.latency) }
        if settings.failureRate > 0, unitRandom() < settings.failureRate {
            throw ProviderError(.transient, "Simulated provider failure.")
        }
    }

    /// Suspends until the task is cancelled (a provider that never answers).
    private func neverAnswer() async throws -> Never {
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    private static func newID() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
}

extension TestPaymentProvider.Ledger {
    /// Applies one recorded fact, as when it was first answered or when the journal is read back.
    mutating func replay(_ entry: ProviderJournal.Entry) {
        switch entry {
        case let .charge(key, token, reference, amount, failure, message):
            let status: ProviderCharge.Status = failure.map { .failed($0) } ?? .succeeded
            charges[key] = TestPaymentProvider.Recorded(
                charge: ProviderCharge(reference: reference, amount: amount, status: status, message: message), token: token, refunded: 0)
            keysByReference[reference] = key
        case let .refund(key, reference, chargeReference, amount):
            refunds[key] = ProviderRefund(reference: reference, chargeReference: chargeReference, amount: amount)
            if let chargeKey = keysByReference[chargeReference] { charges[chargeKey]?.refunded += amount.amount }
        }
    }
}

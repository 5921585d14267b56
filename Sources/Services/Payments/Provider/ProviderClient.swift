import Contracts
import Foundation
import Logging
import Resilience

/// How payments calls the provider: each attempt under `PaymentsConfig.timeout`, up to `retry.maxAttempts` attempts
/// with exponential backoff and full jitter, the same idempotency key every time. A charge whose attempts all timed
/// out or failed transiently is looked up by its key before giving up (a real PSP may have charged after we stopped
/// waiting); only then is it `provider_unavailable`.
struct ProviderClient: Sendable {
    let provider: any PaymentProvider
    let config: PaymentsConfig
    let instruments: PaymentInstruments
    let clock: any Clock<Duration>
    let unitRandom: @Sendable () -> Double
    let logger: Logger

    /// A client of `provider`; `clock` and `unitRandom` (jitter, `0..<1`) are injectable for tests.
    init(provider: any PaymentProvider, config: PaymentsConfig, instruments: PaymentInstruments = PaymentInstruments(),
         clock: any Clock<Duration> = ContinuousClock(), unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
         logger: Logger = Logger(label: "mercato.payments.provider")) {
        self.provider = provider
        self.config = config
        self.instruments = instruments
        self.clock = clock
        self.unitRandom = unitRandom
        self.logger = logger
    }

    /// Charges and says how it ended; throws only when cancelled.
    func charge(idempotencyKey: String, amount: EventMoney, token: String) async throws -> ChargeOutcome {
        switch try await withRetries("charge", { try await provider.charge(idempotencyKey: idempotencyKey, amount: amount, token: token) }) {
        case .answered(let charge):
            return ChargeOutcome(charge)
        case .rejected(let error):
            return .failed(.invalidToken, detail: error.message)
        case .unavailable:
            if case .answered(let found) = try await attempt("lookup", { try await provider.lookup(idempotencyKey: idempotencyKey) }),
               let charge = found {
                logger.info("charge found by lookup after failed attempts", metadata: ["idempotency_key": "\(idempotencyKey)"])
                return ChargeOutcome(charge)
            }
            return .failed(.providerUnavailable, detail: "The payment provider did not answer.")
        }
    }

    /// Refunds; throws `RefundFailure` when the provider refused or stayed unavailable (the event is retried later).
    func refund(idempotencyKey: String, chargeReference: String, amount: EventMoney) async throws -> ProviderRefund {
        switch try await withRetries("refund", {
            try await provider.refund(idempotencyKey: idempotencyKey, chargeReference: chargeReference, amount: amount)
        }) {
        case .answered(let refund): return refund
        case .rejected(let error): throw RefundFailure(message: "the provider rejected the refund: \(error.message)")
        case .unavailable: throw RefundFailure(message: "the payment provider did not answer the refund")
        }
    }

    /// How a retried call ended.
    enum Result<Value: Sendable>: Sendable {
        /// The provider answered.
        case answered(Value)
        /// The provider refused the request (not retried).
        case rejected(ProviderError)
        /// Every attempt timed out or failed transiently.
        case unavailable
    }

    /// Runs `call` until it is answered or rejected, or the attempts are spent.
    func withRetries<Value: Sendable>(_ operation: String, _ call: @escaping @Sendable () async throws -> Value) async throws -> Result<Value> {
        var number = 1
        while true {
            let result = try await attempt(operation, call)
            guard case .unavailable = result else { return result }
            guard case .retry(let wait) = config.retry.decide(after: .attemptTimedOut, attempt: number, idempotent: true,
                                                              unitRandom: unitRandom())
            else { return .unavailable }
            instruments.retried(operation)
            try await clock.sleep(for: wait)
            number += 1
        }
    }

    /// One attempt under the per-attempt timeout; rethrows cancellation of the calling task.
    func attempt<Value: Sendable>(_ operation: String, _ call: @escaping @Sendable () async throws -> Value) async throws -> Result<Value> {
        let started = ContinuousClock.now
        func finish(_ result: String) { instruments.providerCall(operation, result: result, duration: ContinuousClock.now - started) }
        do {
            guard let value = try await withTimeout(config.timeout, on: clock, operation: call) else {
                finish("timeout")
                return .unavailable
            }
            finish("ok")
            return .answered(value)
        } catch let error as ProviderError where error.kind == .rejected {
            finish("rejected")
            return .rejected(error)
        } catch {
            try Task.checkCancellation()
            finish("error")
            logger.debug("provider call failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            return .unavailable
        }
    }
}

/// How a charge ended for the order.
enum ChargeOutcome: Sendable, Equatable {
    /// Charged; the provider's reference.
    case succeeded(reference: String)
    /// Not charged.
    case failed(PaymentFailureCode, detail: String?)

    /// The outcome the provider's recorded charge stands for.
    init(_ charge: ProviderCharge) {
        switch charge.status {
        case .succeeded: self = .succeeded(reference: charge.reference)
        case .failed(let code): self = .failed(code, detail: charge.message)
        }
    }
}

/// A refund could not be made now; the handler throws it so the event is retried (and dead-lettered at the end).
struct RefundFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

import Contracts
import Metrics

/// The payments metrics: `payments_charges_total{outcome}` (succeeded or a failure code),
/// `payments_provider_call_duration_seconds{operation,result}` (histogram; operation charge/refund/lookup, result
/// ok/rejected/timeout/error), `payments_provider_retries_total{operation}` and `payments_refunds_total{outcome}`
/// (succeeded/failed).
struct PaymentInstruments: Sendable {
    /// Counts a charge by how it ended.
    func charged(_ outcome: ChargeOutcome) {
        let label: String
        switch outcome {
        case .succeeded: label = "succeeded"
        case .failed(let code, _): label = code.rawValue
        }
        Counter(label: "payments_charges_total", dimensions: [("outcome", label)]).increment()
    }

    /// Records one provider call's latency.
    func providerCall(_ operation: String, result: String, duration: Duration) {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Timer(label: "payments_provider_call_duration_seconds", dimensions: [("operation", operation), ("result", result)],
              preferredDisplayUnit: .seconds).recordNanoseconds(nanoseconds)
    }

    /// Counts one retry of a provider call.
    func retried(_ operation: String) {
        Counter(label: "payments_provider_retries_total", dimensions: [("operation", operation)]).increment()
    }

    /// Counts a refund attempt's end.
    func refunded(succeeded: Bool) {
        Counter(label: "payments_refunds_total", dimensions: [("outcome", succeeded ? "succeeded" : "failed")]).increment()
    }
}

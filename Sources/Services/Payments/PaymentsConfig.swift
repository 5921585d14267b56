import Configuration
import Resilience

/// The payments service's own settings: the built-in provider's chaos knobs and how we call the provider.
///
/// Keys (under `payments.provider.`; environment `MERCATO_PAYMENTS_PROVIDER_<KEY>` in upper snake case):
/// - `journal` (path, default unset: in memory only): the file where the test provider keeps its charges and refunds, so
///   they outlive a restart of payments (`mercato up` passes `<dataDir>/payments-provider/journal.jsonl`).
/// - `latencyMs` (int milliseconds, default 0): the test provider adds this to every call.
/// - `failureRate` (double 0…1, default 0): that fraction of the test provider's calls fails transiently before doing anything.
/// - `timeout` (double seconds, default 2): one attempt's time limit; a provider that has not answered by then is abandoned.
/// - `attempts` (int, default 3): attempts per charge or refund, the first included, all with the same idempotency key.
/// - `retryBaseDelay` (double seconds, default 0.2) and `retryMaxDelay` (double seconds, default 2): exponential
///   backoff with full jitter between attempts (`RetryPolicy`).
public struct PaymentsConfig: Sendable, Equatable {
    /// The test provider's knobs.
    public var provider: TestPaymentProvider.Settings
    /// Where the test provider keeps its charges; nil for memory only.
    public var journalPath: String?
    /// Per-attempt time limit.
    public var timeout: Duration
    /// Attempts and backoff.
    public var retry: RetryPolicy

    /// Settings given directly.
    public init(provider: TestPaymentProvider.Settings = .init(), timeout: Duration = .seconds(2), retry: RetryPolicy = RetryPolicy(
        maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(2))) {
        self.provider = provider
        self.timeout = timeout
        self.retry = retry
    }

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let scoped = reader.scoped(to: "payments").scoped(to: "provider")
        let latency = max(0, scoped.int(forKey: "latencyMs", default: 0))
        let timeout = min(120, max(0.001, scoped.double(forKey: "timeout", default: 2)))
        let attempts = min(10, max(1, scoped.int(forKey: "attempts", default: 3)))
        let base = min(60, max(0, scoped.double(forKey: "retryBaseDelay", default: 0.2)))
        let cap = min(300, max(base, scoped.double(forKey: "retryMaxDelay", default: 2)))
        self.init(provider: .init(latency: .milliseconds(latency), failureRate: scoped.double(forKey: "failureRate", default: 0)),
                  timeout: .milliseconds(Int64(timeout * 1000)),
                  retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(Int64(base * 1000)),
                                     maxDelay: .milliseconds(Int64(cap * 1000))))
        self.journalPath = scoped.string(forKey: "journal").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The built-in provider with these knobs, keeping its charges in the journal when one is configured.
    public func makeTestProvider() throws -> TestPaymentProvider {
        guard let journalPath else { return TestPaymentProvider(settings: provider) }
        return try TestPaymentProvider(settings: provider, journal: ProviderJournal(path: journalPath))
    }
}

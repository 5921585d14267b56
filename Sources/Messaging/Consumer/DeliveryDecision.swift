import MercatoCore

/// What the consumer does with a delivery after trying to handle it — decided without I/O.
public enum DeliveryDecision: Sendable, Equatable {
    /// Handled (or a duplicate): acknowledge.
    case acknowledge
    /// Failed transiently: publish a copy to retry queue `retry` (1-based) with `attempt + 1`, then acknowledge.
    case retry(retry: Int, reason: String)
    /// Interrupted (the consumer is being cancelled): give it back to the queue untouched.
    case requeue
    /// The service's database is away: give it back to the queue untouched (not an attempt) and stop consuming until
    /// the database answers again, so no delivery is held or retried towards the dead-letter queue meanwhile.
    case pause
    /// Can never succeed, or out of retries: publish a copy to the dead-letter queue with `reason`, then acknowledge.
    case deadLetter(reason: String)

    /// The decision for a delivery on its `attempt` (1-based) that ended with `failure` (nil: success), given
    /// the configured retry delays.
    public static func decide(attempt: Int, failure: (any Error)?, retryDelays: [Double]) -> DeliveryDecision {
        guard let failure else { return .acknowledge }
        if failure is CancellationError { return .requeue }
        if failure is DatabaseUnavailable { return .pause }
        if let permanent = failure as? PermanentEventFailure { return .deadLetter(reason: permanent.reason) }
        let reason = String(String(describing: failure).prefix(500))
        if attempt >= 1, attempt <= retryDelays.count { return .retry(retry: attempt, reason: reason) }
        return .deadLetter(reason: "failed after \(max(attempt, 1)) attempts: \(reason)")
    }
}

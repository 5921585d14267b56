/// How one HTTP attempt ended, as retry and circuit breaker see it.
public enum AttemptOutcome: Sendable, Equatable {
    /// The downstream answered with `status`; `retryAfter` from its `Retry-After` header.
    case response(status: Int, retryAfter: Duration?)
    /// The request failed below HTTP; `retryable` for connection failures and resets, false for e.g. a bad URL.
    case transportFailure(retryable: Bool)
    /// The attempt ran out of its own time (the call's deadline may still allow another).
    case attemptTimedOut

    /// Statuses worth retrying: 429 and the gateway-ish 502/503/504 (a 500 is a bug, not a blip).
    public static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// True for outcomes a retry might fix.
    public var isRetryable: Bool {
        switch self {
        case .response(let status, _): Self.retryableStatuses.contains(status)
        case .transportFailure(let retryable): retryable
        case .attemptTimedOut: true
        }
    }

    /// True when the call succeeded from the caller's side (any status below 500 except 429).
    public var isSuccess: Bool {
        if case .response(let status, _) = self { return status < 500 && status != 429 }
        return false
    }

    /// How the breaker counts it: 5xx, timeouts and transport failures are failures; a 429 or other
    /// 4xx shows a live downstream, so it counts as a success.
    public var breakerOutcome: CircuitBreakerStateMachine.Outcome {
        switch self {
        case .response(let status, _): status >= 500 ? .failure : .success
        case .transportFailure, .attemptTimedOut: .failure
        }
    }

    /// The server's requested wait, for responses that carried one.
    public var retryAfter: Duration? {
        if case .response(_, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// Parses `Retry-After` given as delta-seconds; HTTP-dates and junk give nil (plain backoff applies).
    public static func retryAfter(headerValue: String?) -> Duration? {
        guard let headerValue, let seconds = Int64(headerValue.filter { !$0.isWhitespace }), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}

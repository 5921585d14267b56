/// Why a resilient call failed: one error type whose `code` says which guard or outcome stopped it.
public struct ResilienceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; a struct so new codes do not break callers that switch on them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The breaker for the downstream is open (or half-open with its trials taken).
        public static let circuitOpen = Code("circuitOpen")
        /// The downstream's bulkhead has no free slot.
        public static let bulkheadFull = Code("bulkheadFull")
        /// The call's deadline passed before it finished.
        public static let deadlineExceeded = Code("deadlineExceeded")
        /// A retry was due but the downstream's retry budget was spent.
        public static let retryBudgetExhausted = Code("retryBudgetExhausted")
        /// The downstream answered with a failing status (5xx or 429), given in `status`.
        public static let upstream = Code("upstream")
        /// The last attempt ran past its own `attemptTimeout` (the call's deadline had time left).
        public static let attemptTimedOut = Code("attemptTimedOut")
        /// The request could not be sent or its answer read (connection refused, reset, attempt timeout…).
        public static let transport = Code("transport")
        /// No service token could be had for the call.
        public static let serviceTokenUnavailable = Code("serviceTokenUnavailable")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The downstream the call was for.
    public var downstream: String
    /// HTTP status of the last answer, for `.upstream` (and when a later guard stopped a retry).
    public var status: Int?
    /// When the caller might try again (open breaker, `Retry-After`), if known.
    public var retryAfter: Duration?
    /// The error underneath, for `.transport` and `.serviceTokenUnavailable`.
    public var underlying: (any Error & Sendable)?

    /// An error with `code` for `downstream`.
    public init(_ code: Code, downstream: String, status: Int? = nil, retryAfter: Duration? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.downstream = downstream
        self.status = status
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// A one-line description for logs.
    public var description: String {
        var text = "\(code) calling \(downstream)"
        if let status { text += " (status \(status))" }
        if let underlying { text += ": \(underlying)" }
        return text
    }
}

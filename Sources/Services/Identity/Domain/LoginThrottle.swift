/// Limits on failed logins, counted per account and per client address over a sliding window.
///
/// Defaults: after 5 failures for an account within 15 minutes each further attempt is delayed
/// (1 s per extra failure, at most 5 s); after 10 the account is refused (429) until the oldest
/// counted failure leaves the window. Per client address: delay after 20, refuse after 50.
public struct LoginThrottlePolicy: Sendable, Equatable {
    /// Window in which failures count, in seconds.
    public var windowSeconds: Int
    /// Failures per account before attempts are delayed.
    public var accountDelayAfter: Int
    /// Failures per account before attempts are refused.
    public var accountRefuseAfter: Int
    /// Failures per client address before attempts are delayed.
    public var addressDelayAfter: Int
    /// Failures per client address before attempts are refused.
    public var addressRefuseAfter: Int
    /// Delay added per failure beyond a delay threshold, in seconds.
    public var delayStepSeconds: Double
    /// Longest delay, in seconds.
    public var maximumDelaySeconds: Double

    /// A policy; every value defaults to the documented thresholds.
    public init(windowSeconds: Int = 900, accountDelayAfter: Int = 5, accountRefuseAfter: Int = 10,
                addressDelayAfter: Int = 20, addressRefuseAfter: Int = 50,
                delayStepSeconds: Double = 1, maximumDelaySeconds: Double = 5) {
        self.windowSeconds = windowSeconds
        self.accountDelayAfter = accountDelayAfter
        self.accountRefuseAfter = accountRefuseAfter
        self.addressDelayAfter = addressDelayAfter
        self.addressRefuseAfter = addressRefuseAfter
        self.delayStepSeconds = delayStepSeconds
        self.maximumDelaySeconds = maximumDelaySeconds
    }
}

/// What to do with a login attempt, given the recent failures.
public enum LoginThrottleDecision: Sendable, Equatable {
    /// Check the password now.
    case allow
    /// Wait this many seconds, then check the password.
    case delay(seconds: Double)
    /// Refuse without checking; the client may retry after this many seconds.
    case refuse(retryAfterSeconds: Int)
}

extension LoginThrottlePolicy {
    /// The decision for an attempt at `now` (seconds since the epoch), given the failure times
    /// (seconds since the epoch, any order, older ones ignored) for the account and the address.
    public func decide(accountFailures: [Int64], addressFailures: [Int64], now: Int64) -> LoginThrottleDecision {
        let account = recent(accountFailures, now: now)
        let address = recent(addressFailures, now: now)
        let refusals = [retryAfter(account, limit: accountRefuseAfter, now: now),
                        retryAfter(address, limit: addressRefuseAfter, now: now)].compactMap { $0 }
        if let longest = refusals.max() { return .refuse(retryAfterSeconds: longest) }
        let excess = max(account.count - accountDelayAfter + 1, address.count - addressDelayAfter + 1, 0)
        guard excess > 0 else { return .allow }
        let seconds = min(Double(excess) * delayStepSeconds, maximumDelaySeconds)
        return seconds > 0 ? .delay(seconds: seconds) : .allow
    }

    /// Failures still inside the window, newest first.
    private func recent(_ failures: [Int64], now: Int64) -> [Int64] {
        failures.filter { $0 > now - Int64(windowSeconds) && $0 <= now }.sorted(by: >)
    }

    /// Seconds until fewer than `limit` failures remain in the window, or nil when already fewer.
    private func retryAfter(_ newestFirst: [Int64], limit: Int, now: Int64) -> Int? {
        guard limit > 0, newestFirst.count >= limit else { return nil }
        // The attempt is allowed again once the limit-th newest failure leaves the window.
        let pivot = newestFirst[limit - 1]
        return max(1, Int(pivot + Int64(windowSeconds) - now))
    }
}

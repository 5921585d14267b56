/// The header carrying a call's remaining time to the downstream service.
///
/// `X-Request-Timeout-Ms: <milliseconds left>`: relative, not an absolute time, so clock skew
/// between machines does not matter; each hop subtracts the time it spent.
public enum RequestTimeoutHeader {
    /// The header name.
    public static let name = "X-Request-Timeout-Ms"

    /// The header value for `remaining` (whole milliseconds, rounded down, never negative).
    public static func value(for remaining: Duration) -> String {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return String(max(0, milliseconds))
    }

    /// The remaining time a header value names; nil when it is not a non-negative integer.
    public static func remaining(from value: String) -> Duration? {
        guard let milliseconds = Int64(value.filter { !$0.isWhitespace }), milliseconds >= 0 else { return nil }
        return .milliseconds(milliseconds)
    }

    /// The deadline a received header value sets on `clock`, for a server to put in `ServiceContext`.
    public static func deadline(from value: String, on clock: any Clock<Duration> = ContinuousClock()) -> Deadline? {
        remaining(from: value).map { Deadline(after: $0, on: clock) }
    }
}

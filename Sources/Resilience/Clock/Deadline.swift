/// A point in time by which a call must finish, on the clock that set it.
///
/// The instant belongs to one `Clock<Duration>`: production code uses `ContinuousClock`, tests a
/// manual clock, so a deadline is only readable on a clock of the type that made it.
public struct Deadline: Sendable {
    let instant: any InstantProtocol<Duration>

    /// The deadline `timeout` from now on `clock`.
    public init(after timeout: Duration, on clock: any Clock<Duration>) {
        self.instant = Self.instant(after: timeout, on: clock)
    }

    private static func instant<C: Clock<Duration>>(after timeout: Duration, on clock: C) -> any InstantProtocol<Duration> {
        clock.now.advanced(by: timeout)
    }

    /// Time left until the deadline on `clock` (negative once passed); nil when `clock` is of another type.
    public func remaining(on clock: any Clock<Duration>) -> Duration? {
        Self.remaining(until: instant, on: clock)
    }

    private static func remaining<C: Clock<Duration>>(until instant: any InstantProtocol<Duration>, on clock: C) -> Duration? {
        guard let end = instant as? C.Instant else { return nil }
        return clock.now.duration(to: end)
    }

    /// The earlier of this deadline and `other`; `other` wins when the two come from different clocks.
    public func earlier(_ other: Deadline) -> Deadline {
        instant.isBefore(other.instant) ? self : other
    }
}

extension InstantProtocol where Duration == Swift.Duration {
    /// Whether this instant comes before `other`; false when `other` is an instant of another clock.
    fileprivate func isBefore(_ other: any InstantProtocol<Swift.Duration>) -> Bool {
        guard let other = other as? Self else { return false }
        return self < other
    }
}

/// Reads a clock as the time elapsed since this reader was made, the unit the pure state machines use.
struct ElapsedTime: Sendable {
    /// Time since the origin.
    let now: @Sendable () -> Duration

    /// A reader of `clock` whose origin is now.
    init(_ clock: any Clock<Duration>) {
        self.now = Self.reader(clock)
    }

    private static func reader<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let origin = clock.now
        return { origin.duration(to: clock.now) }
    }
}

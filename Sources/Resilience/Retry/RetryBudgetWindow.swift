/// The retry budget's arithmetic, without clocks or locks: over a sliding time window, retries may
/// be at most `minimumRetries + ratio × requests`. The window is cut into buckets that expire one by one.
public struct RetryBudgetWindow: Sendable {
    /// The limits.
    public struct Configuration: Sendable, Equatable {
        /// Retries allowed per first attempt (0.2: at most one retry for five requests).
        public var ratio: Double
        /// Retries allowed in a window whatever the traffic, so a quiet downstream can still be retried.
        public var minimumRetries: Int
        /// Length of the window.
        public var window: Duration

        /// Limits with Mercato's defaults: 20 % of requests plus 10 retries, over 10 s.
        public init(ratio: Double = 0.2, minimumRetries: Int = 10, window: Duration = .seconds(10)) {
            self.ratio = max(0, ratio)
            self.minimumRetries = max(0, minimumRetries)
            self.window = window > .zero ? window : .seconds(1)
        }
    }

    private struct Bucket: Sendable {
        var index: Int64 = .min
        var requests = 0
        var retries = 0
    }

    /// The limits in force.
    public let configuration: Configuration
    private var buckets: [Bucket]
    private let bucketWidth: Duration

    /// An empty window cut into `bucketCount` buckets.
    public init(configuration: Configuration = .init(), bucketCount: Int = 10) {
        self.configuration = configuration
        let count = max(1, bucketCount)
        self.buckets = Array(repeating: Bucket(), count: count)
        self.bucketWidth = configuration.window / count
    }

    /// Counts a first attempt made at `now`.
    public mutating func recordRequest(now: Duration) {
        let slot = self.slot(now)
        buckets[slot].requests += 1
    }

    /// Takes one retry from the budget at `now`; false (and nothing taken) when it is spent.
    public mutating func withdrawRetry(now: Duration) -> Bool {
        let slot = self.slot(now)
        guard available(now: now) >= 1 else { return false }
        buckets[slot].retries += 1
        return true
    }

    /// Retries that could be taken at `now`.
    public func available(now: Duration) -> Int {
        let current = index(now)
        let live = buckets.filter { $0.index > current - Int64(buckets.count) && $0.index <= current }
        let requests = live.reduce(0) { $0 + $1.requests }
        let retries = live.reduce(0) { $0 + $1.retries }
        return Int((Double(configuration.minimumRetries) + configuration.ratio * Double(requests)).rounded(.down)) - retries
    }

    private func index(_ now: Duration) -> Int64 { Int64((now / bucketWidth).rounded(.down)) }

    // The bucket for `now`, emptied first when it last held an older stretch of time.
    private mutating func slot(_ now: Duration) -> Int {
        let current = index(now)
        let slot = Int(((current % Int64(buckets.count)) + Int64(buckets.count)) % Int64(buckets.count))
        if buckets[slot].index != current { buckets[slot] = Bucket(index: current) }
        return slot
    }
}

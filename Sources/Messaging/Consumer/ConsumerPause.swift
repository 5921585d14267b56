import Synchronization

/// Set by the first lane that finds the database away; the other lanes then leave their deliveries to the broker.
final class ConsumerPause: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Requests the pause; true for the one caller that requested it first.
    func request() -> Bool {
        requested.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }

    /// Whether a pause was requested.
    var isRequested: Bool { requested.load(ordering: .acquiring) }
}

import Foundation
import Metrics
import Synchronization

/// What an open stream receives.
enum StreamItem: Sendable, Equatable {
    /// A new notification for the stream's user.
    case notification(NotificationRecord)
    /// Time to write a heartbeat comment.
    case heartbeat
}

/// One open stream's subscription: its items, and a way to end it.
struct StreamSubscription: Sendable {
    /// Items in order; finishes when the stream is dropped, closed or the hub shuts down.
    let items: AsyncStream<StreamItem>
    let continuation: AsyncStream<StreamItem>.Continuation

    /// Ends the subscription (the stream's loop then returns).
    func finish() { continuation.finish() }
}

/// The in-process fan-out of new notifications to the open streams of their user.
///
/// Each stream has a bounded buffer (`notifications.streamBuffer`); a stream whose buffer is full is dropped
/// (finished) rather than waited for, so one slow client never holds up the hub or other clients.
final class NotificationHub: Sendable {
    private struct State {
        var streams: [UUID: [Int: AsyncStream<StreamItem>.Continuation]] = [:]
        var nextID = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let bufferSize: Int
    private let openStreams = Gauge(label: "notifications_open_streams")
    private let dropped = Counter(label: "notifications_streams_dropped_total")

    /// A hub buffering `bufferSize` items per stream.
    init(bufferSize: Int) { self.bufferSize = bufferSize }

    /// Opens a subscription for `userID`; it is already finished when the hub has shut down.
    func subscribe(_ userID: UUID) -> StreamSubscription {
        let (items, continuation) = AsyncStream<StreamItem>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize))
        let key = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        // Set before the stream is visible to `publish`/`close`, so every way it ends unregisters it.
        continuation.onTermination = { [weak self] _ in self?.remove(userID, key) }
        let count = state.withLock { state -> Int? in
            guard !state.closed else { return nil }
            state.streams[userID, default: [:]][key] = continuation
            return state.streams.values.reduce(0) { $0 + $1.count }
        }
        if let count { openStreams.record(count) } else { continuation.finish() }
        return StreamSubscription(items: items, continuation: continuation)
    }

    /// Whether `userID` has an open stream on this replica (to skip loading notifications nobody waits for).
    func hasSubscribers(_ userID: UUID) -> Bool {
        state.withLock { !($0.streams[userID]?.isEmpty ?? true) }
    }

    /// Delivers `record` to every open stream of `userID`; a stream with a full buffer is dropped.
    func publish(_ record: NotificationRecord, to userID: UUID) {
        let targets = state.withLock { Array(($0.streams[userID] ?? [:]).values) }
        // Yield and finish outside the lock: finishing runs `onTermination`, which takes the lock again.
        for continuation in targets {
            if case .dropped = continuation.yield(.notification(record)) {
                dropped.increment()
                continuation.finish()
            }
        }
    }

    /// Ends every open stream and refuses new ones: graceful shutdown.
    func close() {
        let all = state.withLock { state -> [AsyncStream<StreamItem>.Continuation] in
            state.closed = true
            return state.streams.values.flatMap(\.values)
        }
        for continuation in all { continuation.finish() }
    }

    /// The number of open streams.
    var count: Int { state.withLock { $0.streams.values.reduce(0) { $0 + $1.count } } }

    private func remove(_ userID: UUID, _ key: Int) {
        let count = state.withLock { state -> Int in
            state.streams[userID]?[key] = nil
            if state.streams[userID]?.isEmpty == true { state.streams[userID] = nil }
            return state.streams.values.reduce(0) { $0 + $1.count }
        }
        openStreams.record(count)
    }
}

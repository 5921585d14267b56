@testable import AMQP
import NIOCore
import NIOEmbedded
import Testing

/// Publisher-confirm bookkeeping: groups (single publishes and batches), single and multiple acks and nacks,
/// out-of-order and duplicate tags, and the end of a channel with many publishes in flight.
@Suite("Confirm tracker") struct ConfirmTrackerTests {
    let loop = EmbeddedEventLoop()

    /// Outcome per promise index: true confirmed, false failed with the error code.
    final class Outcomes {
        var results: [Int: Result<Void, AMQPError>] = [:]
        func succeeded(_ index: Int) -> Bool { if case .success = results[index] { true } else { false } }
        func code(_ index: Int) -> AMQPError.Code? { if case .failure(let error) = results[index] { error.code } else { nil } }
        func error(_ index: Int) -> AMQPError? { if case .failure(let error) = results[index] { error } else { nil } }
    }

    /// Tracks groups of the given sizes (messages that are not mandatory); returns the promises in order.
    func track(_ sizes: [Int], in tracker: inout AMQPConfirmTracker) -> [EventLoopPromise<Void>] {
        track(sizes.map { Array(repeating: AMQPOutboundMessage(ByteBuffer(), routingKey: "q"), count: $0) }, in: &tracker)
    }

    /// Tracks one group per element; returns the promises in order.
    func track(_ groups: [[AMQPOutboundMessage]], in tracker: inout AMQPConfirmTracker) -> [EventLoopPromise<Void>] {
        var actions: [AMQPAction] = []
        let promises = groups.map { messages in
            let promise = loop.makePromise(of: Void.self)
            tracker.track(messages, promise: promise, actions: &actions)
            return promise
        }
        #expect(actions.isEmpty)
        return promises
    }

    func apply(_ actions: [AMQPAction], promises: [EventLoopPromise<Void>], into outcomes: Outcomes) {
        for action in actions {
            switch action {
            case .succeed(let promise):
                if let index = promises.firstIndex(where: { $0.futureResult === promise.futureResult }) { outcomes.results[index] = .success(()) }
            case .fail(let promise, let error):
                if let index = promises.firstIndex(where: { $0.futureResult === promise.futureResult }) { outcomes.results[index] = .failure(error) }
            default: Issue.record("unexpected action \(action)")
            }
            if case .succeed(let promise) = action { promise.succeed() }
            if case .fail(let promise, let error) = action { promise.fail(error) }
        }
    }

    @Test func aBatchWithOneNackInTheMiddleFailsNamingItsPositionAndTheOthersConfirm() {
        var tracker = AMQPConfirmTracker()
        // Sequence numbers: single 1, batch 2…11, single 12, batch 13…17.
        let promises = track([1, 10, 1, 5], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.settle(tag: 5, multiple: true, nacked: false, actions: &actions)  // 1…5
        tracker.settle(tag: 6, multiple: false, nacked: true, actions: &actions)  // position 4 of the batch
        tracker.settle(tag: 12, multiple: true, nacked: false, actions: &actions)  // 7…12
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(0))
        #expect(outcomes.code(1) == .publishNacked)
        #expect(outcomes.error(1)?.message.contains("1 of the batch's 10 messages (positions 4") == true)
        #expect(outcomes.succeeded(2))
        #expect(outcomes.results[3] == nil)
        #expect(tracker.unsettled == 5)
        actions.removeAll()
        tracker.settle(tag: 17, multiple: true, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(3))
        #expect(tracker.unsettled == 0)
    }

    @Test func outOfOrderSingleAcksThenAMultipleAckCountEachPublishOnce() {
        var tracker = AMQPConfirmTracker()
        let promises = track([4, 1], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.settle(tag: 3, multiple: false, nacked: false, actions: &actions)
        tracker.settle(tag: 3, multiple: false, nacked: false, actions: &actions)  // duplicate: ignored
        tracker.settle(tag: 5, multiple: false, nacked: false, actions: &actions)
        tracker.settle(tag: 99, multiple: false, nacked: false, actions: &actions)  // unknown: ignored
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.results[0] == nil)
        #expect(outcomes.succeeded(1))
        #expect(tracker.unsettled == 3)
        actions.removeAll()
        tracker.settle(tag: 4, multiple: true, nacked: false, actions: &actions)  // 1, 2, 4 (3 already settled)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(0))
        #expect(tracker.unsettled == 0)
    }

    @Test func aMultipleNackFailsEveryGroupItCompletes() {
        var tracker = AMQPConfirmTracker()
        let promises = track([1, 3, 2], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.settle(tag: 5, multiple: true, nacked: true, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.code(0) == .publishNacked)
        #expect(outcomes.error(0)?.message == "the broker nacked the message (it was not stored)")
        #expect(outcomes.code(1) == .publishNacked)
        #expect(outcomes.results[2] == nil)  // 5 nacked, 6 still open
        #expect(tracker.unsettled == 1)
        actions.removeAll()
        tracker.settle(tag: 6, multiple: false, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.error(2)?.message.contains("1 of the batch's 2 messages (positions 0,") == true)
    }

    @Test func theEndOfTheChannelFailsEveryPendingPromiseOldestFirstAndRestartsNumbering() {
        var tracker = AMQPConfirmTracker()
        let promises = track(Array(repeating: 1, count: 1000) + [100, 100], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.settle(tag: 10, multiple: true, nacked: false, actions: &actions)
        tracker.failAll(AMQPError(code: .publishUnconfirmed, message: "lost"), actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect((0..<10).allSatisfy { outcomes.succeeded($0) })
        #expect((10..<1002).allSatisfy { outcomes.code($0) == .publishUnconfirmed })
        let failed = actions.compactMap { if case .fail(let promise, _) = $0 { promise.futureResult } else { nil } }
        #expect(failed.count == 992)
        #expect(failed.first === promises[10].futureResult && failed.last === promises[1001].futureResult)
        #expect(tracker.unsettled == 0)
        // A reopened channel numbers from 1 again.
        let next = track([1], in: &tracker)
        actions.removeAll()
        tracker.settle(tag: 1, multiple: false, nacked: false, actions: &actions)
        apply(actions, promises: next, into: outcomes)
        #expect(outcomes.succeeded(0))
    }

    @Test func anEmptyBatchConfirmsAtOnce() {
        var tracker = AMQPConfirmTracker()
        var actions: [AMQPAction] = []
        tracker.track([AMQPOutboundMessage](), promise: loop.makePromise(), actions: &actions)
        guard case .succeed(let promise) = actions.first else { Issue.record("\(actions)"); return }
        promise.succeed()
        #expect(tracker.unsettled == 0)
    }
}

@testable import AMQP
import NIOCore
import Testing

/// `basic.return` of mandatory publishes: matched by message id, a returned publish fails when its ack comes,
/// whatever else that ack (or a multiple ack) settles, and acks of other publishes are unaffected.
extension ConfirmTrackerTests {
    static func mandatory(_ id: String?, key: String = "k") -> AMQPOutboundMessage {
        AMQPOutboundMessage(ByteBuffer(), exchange: "ex", routingKey: key, mandatory: true, properties: AMQPBasicProperties(messageID: id))
    }

    static let plain = AMQPOutboundMessage(ByteBuffer(), routingKey: "q")

    static func returned(_ id: String?, key: String = "k") -> AMQPReturnedMessage {
        AMQPReturnedMessage(AMQPContent(method: .basic(.return(replyCode: 312, replyText: "NO_ROUTE", exchange: "ex", routingKey: key)),
                                        properties: AMQPBasicProperties(messageID: id), body: ByteBuffer()))
    }

    @Test func aReturnThenItsAckFailsThePublishWithTheReturnedError() {
        var tracker = AMQPConfirmTracker()
        let promises = track([[Self.mandatory("a", key: "orders.x.v1")]], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.returned(Self.returned("a", key: "orders.x.v1"))
        #expect(actions.isEmpty)  // nothing settles before the ack
        tracker.settle(tag: 1, multiple: false, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        let error = outcomes.error(0)
        #expect(error?.code == .publishReturned)
        #expect(error?.replyCode == 312 && error?.replyText == "NO_ROUTE" && error?.routingKey == "orders.x.v1")
        #expect(error?.message == "the broker returned the message (exchange 'ex'): no queue received it")
        #expect(tracker.unsettled == 0)
    }

    @Test func aReturnBeforeEarlierPublishesAreAckedFailsOnlyThePublishWithItsMessageID() {
        var tracker = AMQPConfirmTracker()
        // 1 and 3 route (persistent: their acks come late), 2 is returned; 4 is not mandatory.
        let promises = track([[Self.mandatory("a")], [Self.mandatory("b")], [Self.mandatory("c")], [Self.plain]], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.returned(Self.returned("b"))
        tracker.settle(tag: 2, multiple: false, nacked: false, actions: &actions)
        tracker.settle(tag: 1, multiple: false, nacked: false, actions: &actions)
        tracker.settle(tag: 4, multiple: true, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(0))
        #expect(outcomes.code(1) == .publishReturned)
        #expect(outcomes.succeeded(2))
        #expect(outcomes.succeeded(3))
    }

    @Test func aMultipleAckCoveringAReturnedPublishFailsItAndConfirmsTheOthers() {
        var tracker = AMQPConfirmTracker()
        let promises = track((1...5).map { [Self.mandatory("m\($0)")] }, in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.returned(Self.returned("m3"))
        tracker.returned(Self.returned("m3"))  // a duplicate return changes nothing
        tracker.returned(Self.returned("unknown"))  // nor does one that matches no outstanding publish
        tracker.settle(tag: 4, multiple: true, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(0) && outcomes.succeeded(1) && outcomes.succeeded(3))
        #expect(outcomes.code(2) == .publishReturned)
        #expect(outcomes.results[4] == nil)
        actions.removeAll()
        tracker.settle(tag: 5, multiple: false, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.succeeded(4))
    }

    @Test func aBatchWithOneReturnedMessageFailsNamingItsPositionAndTheNextBatchConfirms() {
        var tracker = AMQPConfirmTracker()
        let batch = (0..<5).map { Self.mandatory("e\($0)", key: $0 == 3 ? "nobody.listens.v1" : "k") }
        let promises = track([batch, (5..<7).map { Self.mandatory("e\($0)") }], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.settle(tag: 2, multiple: true, nacked: false, actions: &actions)
        tracker.returned(Self.returned("e3", key: "nobody.listens.v1"))
        tracker.settle(tag: 7, multiple: true, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        let error = outcomes.error(0)
        #expect(error?.code == .publishReturned && error?.routingKey == "nobody.listens.v1")
        #expect(error?.message == "the broker returned 1 of the batch's 5 messages (positions 3, counting from 0; "
            + "routing keys nobody.listens.v1): no queue received them")
        #expect(outcomes.succeeded(1))
    }

    @Test func aReturnWithoutMessageIDFailsEveryOutstandingMandatoryPublishWithoutOne() {
        var tracker = AMQPConfirmTracker()
        // 1: mandatory without id, 2: mandatory with id, 3: mandatory without id, 4: not mandatory, without id.
        let promises = track([[Self.mandatory(nil)], [Self.mandatory("x")], [Self.mandatory(nil)], [Self.plain]], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.returned(Self.returned(nil))
        tracker.settle(tag: 4, multiple: true, nacked: false, actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.code(0) == .publishReturned)
        #expect(outcomes.succeeded(1))
        #expect(outcomes.code(2) == .publishReturned)
        #expect(outcomes.succeeded(3))
    }

    @Test func aReturnedPublishWhoseChannelEndsBeforeTheAckIsUnconfirmed() {
        var tracker = AMQPConfirmTracker()
        let promises = track([[Self.mandatory("a")]], in: &tracker)
        let outcomes = Outcomes()
        var actions: [AMQPAction] = []
        tracker.returned(Self.returned("a"))
        tracker.failAll(AMQPError(code: .publishUnconfirmed, message: "lost"), actions: &actions)
        apply(actions, promises: promises, into: outcomes)
        #expect(outcomes.code(0) == .publishUnconfirmed)
    }
}

import Foundation
import Invariants
import Testing

/// `consumers-moving`: a queue whose unacknowledged messages saw no ack between two readings is stalled.
@Suite struct ConsumersMovingTests {
    static func sample(unacked: Int, acks: Int, ready: Int = 0) -> QueueSample {
        QueueSample(unacknowledged: unacked, ready: ready, consumers: 1, acknowledged: acks)
    }

    @Test(arguments: [
        (0, 10, 0, 10, false),  // idle
        (3, 10, 3, 14, false),  // busy: acks moved
        (3, 10, 0, 10, false),  // drained
        (0, 10, 2, 10, false),  // just delivered
        (3, 10, 3, 10, true),   // stalled
        (1, 10, 5, 10, true),   // stalled and growing
        (3, 10, 3, 0, false),   // counter went back (queue declared again): movement
    ])
    func stalledOnlyWhenUnackedStaysWithoutAnAck(first: Int, firstAcks: Int, second: Int, secondAcks: Int, stalled: Bool) {
        let motion = QueueMotion(first: Self.sample(unacked: first, acks: firstAcks), second: Self.sample(unacked: second, acks: secondAcks),
                                 seconds: 2)
        #expect(motion.isStalled == stalled)
    }

    @Test func managementJSONDecodesWithAndWithoutMessageStats() throws {
        let busy = try JSONDecoder().decode(QueueSample.self, from: Data("""
            {"name":"orders.events","messages_unacknowledged":4,"messages_ready":7,"consumers":1,
             "message_stats":{"ack":1234,"ack_details":{"rate":0.0},"deliver_get":1240}}
            """.utf8))
        #expect(busy == QueueSample(unacknowledged: 4, ready: 7, consumers: 1, acknowledged: 1234))
        let fresh = try JSONDecoder().decode(QueueSample.self, from: Data(#"{"name":"orders.events","consumers":0}"#.utf8))
        #expect(fresh == QueueSample(unacknowledged: 0, ready: 0, consumers: 0, acknowledged: 0))
        let emptyStats = try JSONDecoder().decode(QueueSample.self, from: Data(#"{"messages_unacknowledged":1,"message_stats":[]}"#.utf8))
        #expect(emptyStats.acknowledged == 0 && emptyStats.unacknowledged == 1)
    }

    @Test func theInvariantNamesTheStalledQueueAndTheUnreadOnes() {
        var snapshot = AuditSnapshot.empty()
        snapshot.queues = [
            "orders": .read(QueueMotion(first: Self.sample(unacked: 2, acks: 5, ready: 9), second: Self.sample(unacked: 2, acks: 5, ready: 9),
                                        seconds: 2.04)),
            "catalog": .read(QueueMotion(first: Self.sample(unacked: 2, acks: 5), second: Self.sample(unacked: 1, acks: 6), seconds: 2)),
            "payments": .unknown("rabbitmq queue payments.events: connection refused"),
        ]
        let result = snapshot.verdict("consumers-moving")
        #expect(result?.status == .fail)
        #expect(result?.examined == 2)
        #expect(result?.offenders == ["orders.events: 2 unacknowledged, no ack in 2.0 s (1 consumers, 9 ready)"])
        #expect(result?.missing == ["rabbitmq queue payments.events: connection refused"])
    }
}

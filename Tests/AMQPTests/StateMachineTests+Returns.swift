@testable import AMQP
import NIOCore
import Testing

/// A `basic.return` assembled from its frames reaches the confirm tracker in frame order, before the ack that follows it.
extension StateMachineTests {
    @Test func aReturnAssembledFromItsFramesFailsTheConfirmOfItsPublishAndIsStillReported() throws {
        var machine = try confirmingMachine()
        var actions: [AMQPAction] = []
        let routed = loop.makePromise(of: Void.self), unroutable = loop.makePromise(of: Void.self)
        for (promise, id) in [(routed, "m-1"), (unroutable, "m-2")] {
            machine.publish(channel: 1, exchange: "ex", routingKey: id, mandatory: true, properties: AMQPBasicProperties(messageID: id),
                            body: ByteBuffer(string: "body"), promise: promise, actions: &actions)
        }
        run(actions)
        actions.removeAll()
        let frames: [AMQPFrame] = [
            .method(channel: 1, .basic(.return(replyCode: 312, replyText: "NO_ROUTE", exchange: "ex", routingKey: "m-2"))),
            .header(channel: 1, classID: 60, bodySize: 4, properties: AMQPBasicProperties(messageID: "m-2")),
            .body(channel: 1, ByteBuffer(string: "bo")), .body(channel: 1, ByteBuffer(string: "dy")),
            .method(channel: 1, .basic(.ack(deliveryTag: 2, multiple: false))),
            .method(channel: 1, .basic(.ack(deliveryTag: 1, multiple: false))),
        ]
        for frame in frames { machine.received(frame, now: .now(), actions: &actions) }
        let returned = actions.compactMap { if case .returned(1, let content) = $0 { AMQPReturnedMessage(content) } else { nil } }
        #expect(returned.map(\.routingKey) == ["m-2"])
        #expect(returned.first.map { String(buffer: $0.body) } == "body")
        run(actions)
        try routed.futureResult.wait()
        #expect { try unroutable.futureResult.wait() } throws: { ($0 as? AMQPError)?.code == .publishReturned }
        #expect(machine.channels[1]?.unconfirmedCount == 0)
    }

    @Test func outsideConfirmModeAReturnIsOnlyReported() throws {
        var machine = openMachine()
        _ = openChannel(&machine)
        var actions: [AMQPAction] = []
        let written = loop.makePromise(of: Void.self)
        machine.publish(channel: 1, exchange: "ex", routingKey: "k", mandatory: true, properties: AMQPBasicProperties(messageID: "m"),
                        body: ByteBuffer(), promise: written, actions: &actions)
        machine.received(.method(channel: 1, .basic(.return(replyCode: 312, replyText: "NO_ROUTE", exchange: "ex", routingKey: "k"))),
                         now: .now(), actions: &actions)
        machine.received(.header(channel: 1, classID: 60, bodySize: 0, properties: AMQPBasicProperties(messageID: "m")), now: .now(),
                         actions: &actions)
        #expect(actions.contains { if case .returned = $0 { true } else { false } })
        run(actions)
        try written.futureResult.wait()
    }
}

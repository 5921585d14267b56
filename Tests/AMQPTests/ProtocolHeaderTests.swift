import AMQP
import Testing

@Test func protocolHeaderIsAMQP091() {
    #expect(AMQPProtocol.header == Array("AMQP".utf8) + [0, 0, 9, 1])
}

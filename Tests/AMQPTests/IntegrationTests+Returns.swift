import AMQP
import NIOCore
import Testing

/// Mandatory publishes with confirms against RabbitMQ: a message no queue receives fails its confirmation (single,
/// pipelined, batch), even though the broker acks it, and routable ones around it are confirmed.
extension IntegrationTests {
    /// A direct exchange with a durable queue bound for "routed" (persistent messages are acked after they are stored,
    /// so acks can come after the return of a later message); nothing is bound for any other key. Confirm mode on.
    func routingFixture(_ channel: AMQPChannel) async throws -> (exchange: String, queue: String) {
        let exchange = uniqueName("mandatory"), queue = uniqueName("routed")
        try await channel.exchangeDeclare(exchange, type: "direct", durable: false, autoDelete: false)
        try await channel.queueDeclare(queue, durable: true)
        try await channel.queueBind(queue: queue, exchange: exchange, routingKey: "routed")
        try await channel.confirmSelect()
        return (exchange, queue)
    }

    func removeFixture(_ fixture: (exchange: String, queue: String), on channel: AMQPChannel) async throws {
        try await channel.queueDelete(fixture.queue)
        try await channel.exchangeDelete(fixture.exchange)
    }

    static func persistent(_ id: String) -> AMQPBasicProperties { AMQPBasicProperties(deliveryMode: 2, messageID: id) }

    @Test func aMandatoryPublishNoQueueReceivesThrowsPublishReturnedAndARoutableOneIsConfirmed() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let fixture = try await routingFixture(channel)
            let error = await #expect(throws: AMQPError.self) {
                try await channel.publish("lost", exchange: fixture.exchange, routingKey: "nobody", mandatory: true,
                                          properties: Self.persistent("m-lost"))
            }
            #expect(error?.code == .publishReturned)
            #expect(error?.replyCode == 312 && error?.replyText?.hasPrefix("NO_ROUTE") == true && error?.routingKey == "nobody")
            try await channel.publish("kept", exchange: fixture.exchange, routingKey: "routed", mandatory: true,
                                      properties: Self.persistent("m-kept"))
            #expect(try await channel.get(queue: fixture.queue, noAck: true)?.bodyString == "kept")
            #expect(channel.closedError == nil)
            try await removeFixture(fixture, on: channel)
        }
    }

    @Test func pipelinedMandatoryPublishesFailExactlyWhereReturned() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let fixture = try await routingFixture(channel)
            var pending: [(routable: Bool, confirmation: AMQPPublishConfirmation)] = []
            for index in 0..<300 {
                let routable = index % 10 != 7
                let confirmation = try channel.startPublish(ByteBuffer(string: "m\(index)"), exchange: fixture.exchange,
                                                            routingKey: routable ? "routed" : "nobody", mandatory: true,
                                                            properties: Self.persistent("m-\(index)"))
                pending.append((routable, confirmation))
            }
            var returned = 0
            for (routable, confirmation) in pending {
                do {
                    try await confirmation.confirmed()
                    #expect(routable)
                } catch let error as AMQPError {
                    #expect(!routable && error.code == .publishReturned, "\(error)")
                    returned += 1
                }
            }
            #expect(returned == 30)
            #expect(try await channel.queueDeclare(fixture.queue, passive: true).messageCount == 270)
            try await removeFixture(fixture, on: channel)
        }
    }

    @Test func aBatchMixingRoutableAndUnroutableMessagesFailsWhole() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let fixture = try await routingFixture(channel)
            let batch = (0..<20).map {
                AMQPOutboundMessage(ByteBuffer(string: "b\($0)"), exchange: fixture.exchange, routingKey: $0 == 13 ? "nobody" : "routed",
                                    mandatory: true, properties: Self.persistent("b-\($0)"))
            }
            let error = await #expect(throws: AMQPError.self) { try await channel.startPublish(batch: batch).confirmed() }
            #expect(error?.code == .publishReturned && error?.replyCode == 312 && error?.routingKey == "nobody")
            #expect(error?.message.contains("1 of the batch's 20 messages (positions 13,") == true)
            // All or nothing for the caller, though the broker delivered the routed ones (a retry sends them again).
            #expect(try await channel.queueDeclare(fixture.queue, passive: true).messageCount == 19)
            try await channel.startPublish(batch: batch.filter { $0.routingKey == "routed" }).confirmed()
            #expect(try await channel.queueDeclare(fixture.queue, passive: true).messageCount == 38)
            try await removeFixture(fixture, on: channel)
        }
    }
}

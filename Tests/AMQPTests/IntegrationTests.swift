import AMQP
import MercatoTestSupport
import Foundation
import NIOCore
import Testing

/// Against a real RabbitMQ the tests start themselves.
@Suite("RabbitMQ integration", .serialized) struct IntegrationTests {
    func withConnection(_ body: (AMQPConnection) async throws -> Void) async throws {
        let connection = try await AMQPConnection.connect(configuration: try await TestRabbitMQ.configuration())
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    @Test func negotiatesAndPublishesAndConsumesWithProperties() async throws {
        try await withConnection { connection in
            #expect(connection.negotiatedHeartbeat == 10)
            #expect(connection.negotiatedFrameMax == 131_072)
            let channel = try await connection.openChannel()
            let queue = try await channel.queueDeclare(uniqueName("basic"), durable: false, autoDelete: true)
            try await channel.confirmSelect()
            let properties = AMQPBasicProperties(contentType: "application/json", headers: ["n": .table(["x": .array([1, "two"])]),
                                                                                         "when": .timestamp(1_700_000_000),
                                                                                         "price": .decimal(scale: 2, value: 1999)],
                                                 deliveryMode: 2, correlationID: "c-1", messageID: "m-1")
            try await channel.publish("{\"a\":1}", routingKey: queue.name, properties: properties)
            try await channel.qos(prefetchCount: 10)
            let consumer = try await channel.consume(queue: queue.name)
            var iterator = consumer.makeAsyncIterator()
            let delivery = try #require(try await iterator.next())
            #expect(delivery.bodyString == "{\"a\":1}")
            #expect(delivery.properties == properties)
            try await delivery.ack()
            try await consumer.cancel()
        }
    }

    @Test func largeBodiesAreSplitAndReassembled() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = try await channel.queueDeclare(uniqueName("large"), durable: false, autoDelete: true)
            var body = ByteBuffer()
            for index in 0..<(1_000_000 / 4) { body.writeInteger(UInt32(index)) }
            try await channel.confirmSelect()
            try await channel.publish(body, routingKey: queue.name)
            let got = try #require(try await channel.get(queue: queue.name, noAck: true))
            #expect(got.body == body)
            #expect(got.messageCount == 0)
        }
    }

    @Test func brokerExceptionsCarryReplyCodeAndText() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let error = await #expect(throws: AMQPError.self) {
                try await channel.queueDeclare(uniqueName("missing"), passive: true)
            }
            #expect(error?.code == .channelClosedByBroker)
            #expect(error?.replyCode == 404)
            #expect(error?.replyText?.hasPrefix("NOT_FOUND") == true)
            #expect(channel.closedError?.replyCode == 404)

            let second = try await connection.openChannel()
            let name = uniqueName("conflict")
            try await second.queueDeclare(name, durable: false, autoDelete: true)
            let conflict = await #expect(throws: AMQPError.self) {
                try await second.queueDeclare(name, durable: true, autoDelete: false)
            }
            #expect(conflict?.replyCode == 406)
        }
    }

    @Test func nackWithoutRequeueDeadLettersAndTTLExpires() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let dlx = uniqueName("dlx"), dlq = uniqueName("dlq"), work = uniqueName("work")
            try await channel.exchangeDeclare(dlx, type: "direct", durable: false, autoDelete: true)
            try await channel.queueDeclare(dlq, durable: false, autoDelete: true)
            try await channel.queueBind(queue: dlq, exchange: dlx, routingKey: "dead")
            try await channel.queueDeclare(work, durable: false, autoDelete: true, arguments: [
                "x-dead-letter-exchange": .string(dlx), "x-dead-letter-routing-key": "dead", "x-message-ttl": .int64(60_000),
            ])
            try await channel.confirmSelect()
            try await channel.publish("poison", routingKey: work)
            let message = try #require(try await channel.get(queue: work))
            try await message.nack(requeue: false)
            var dead: AMQPDelivery?
            for _ in 0..<50 where dead == nil {
                dead = try await channel.get(queue: dlq, noAck: true)
                if dead == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(dead?.bodyString == "poison")
            if case .array(let deaths)? = dead?.properties.headers?["x-death"] { #expect(deaths.count == 1) } else { Issue.record("no x-death") }
            #expect(try await channel.queuePurge(work) == 0)
            try await channel.queueDelete(work)
        }
    }

    @Test func batchesAndSinglePublishesInterleavedAreAllConfirmedInOrder() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = uniqueName("batch")
            try await channel.queueDeclare(queue, durable: true)
            try await channel.confirmSelect()
            var pending: [AMQPPublishConfirmation] = []
            for round in 0..<5 {
                let batch = (0..<200).map { AMQPOutboundMessage(ByteBuffer(string: "b\(round)-\($0)"), routingKey: queue, properties: .persistent) }
                pending.append(try channel.startPublish(batch: batch))
                pending.append(try channel.startPublish(ByteBuffer(string: "s\(round)"), routingKey: queue, properties: .persistent))
            }
            for confirmation in pending { try await confirmation.confirmed() }
            #expect(try await channel.queueDeclare(queue, passive: true).messageCount == 1005)
            let first = try #require(try await channel.get(queue: queue, noAck: true))
            #expect(first.bodyString == "b0-0" && first.properties.deliveryMode == 2)
            for _ in 0..<199 { _ = try await channel.get(queue: queue, noAck: true) }
            #expect(try await channel.get(queue: queue, noAck: true)?.bodyString == "s0")
            #expect(try await channel.queueDelete(queue) == 804)
        }
    }

    @Test func quorumQueueAndPipelinedConfirms() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = uniqueName("quorum")
            try await channel.queueDeclare(queue, durable: true, arguments: ["x-queue-type": "quorum"])
            try await channel.confirmSelect()
            var pending: [AMQPPublishConfirmation] = []
            for index in 0..<500 { pending.append(try channel.startPublish(ByteBuffer(string: "m\(index)"), routingKey: queue)) }
            for confirmation in pending { try await confirmation.confirmed() }
            let info = try await channel.queueDeclare(queue, passive: true)
            #expect(info.messageCount == 500)
            #expect(try await channel.queueDelete(queue) == 500)
        }
    }

    @Test func mandatoryUnroutableMessagesAreReturned() async throws {
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let exchange = uniqueName("nowhere")
            try await channel.exchangeDeclare(exchange, type: "fanout", durable: false, autoDelete: false)
            try await channel.confirmSelect()
            // No message id: the return fails the one outstanding mandatory publish without one.
            let error = await #expect(throws: AMQPError.self) {
                try await channel.publish("lost", exchange: exchange, routingKey: "x", mandatory: true)
            }
            #expect(error?.code == .publishReturned)
            // The stream still reports it, body included.
            var returns = connection.returnedMessages.makeAsyncIterator()
            let returned = try #require(await returns.next())
            #expect(returned.replyCode == 312)
            #expect(String(buffer: returned.body) == "lost")
            try await channel.exchangeDelete(exchange)
        }
    }

    @Test func recoversTopologyAndConsumersAfterTheBrokerDropsTheConnection() async throws {
        let server = try #require(try await TestRabbitMQ.server(), "needs a broker this process manages (rabbitmqctl)")
        try await withConnection { connection in
            let channel = try await connection.openChannel()
            let exchange = uniqueName("rx"), queue = uniqueName("rq")
            // Exclusive and auto-delete: they vanish with the old connection, so only recovery can bring them back.
            try await channel.exchangeDeclare(exchange, type: "direct", durable: false, autoDelete: true)
            try await channel.queueDeclare(queue, durable: false, exclusive: true)
            try await channel.queueBind(queue: queue, exchange: exchange, routingKey: "k")
            try await channel.qos(prefetchCount: 5)
            try await channel.confirmSelect()
            let consumer = try await channel.consume(queue: queue)
            var iterator = consumer.makeAsyncIterator()
            try await channel.publish("before", exchange: exchange, routingKey: "k")
            let first = try #require(try await iterator.next())
            #expect(first.bodyString == "before")
            try await first.ack()

            try server.rabbitmqctl(["close_all_connections", "test: recovery"])
            var recovered = false
            for _ in 0..<200 where !recovered {
                try await Task.sleep(for: .milliseconds(50))
                recovered = connection.isConnected && connection.connectionCount >= 2
            }
            #expect(recovered)
            try await channel.publish("after", exchange: exchange, routingKey: "k")
            let second = try #require(try await iterator.next())
            #expect(second.bodyString == "after")
            try await second.ack()
        }
    }
}

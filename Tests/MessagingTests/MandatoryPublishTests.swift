import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Testing

/// The outbox relay against the real broker when an event's consumer has not declared its queue yet (the first event of
/// a fresh stack): it is returned, stays unsent and is delivered once the queue exists — never marked sent unrouted.
@Suite struct MandatoryPublishTests {
    @Test(.timeLimit(.minutes(2)))
    func anEventPublishedBeforeItsQueueExistsStaysUnsentAndReachesTheQueueOnceDeclared() async throws {
        try await withMessagingDatabase { database in
            try await createEffectsTable(database)
            try await BrokerScope.with { scope in
                let recording = RecordingHandlers()
                let publisher = AMQPEventPublisher(configuration: scope.config.amqp, service: "test", exchange: scope.config.exchange,
                                                   logger: database.logger, mandatory: { _ in true })
                let relay = OutboxRelay(database: database, publisher: publisher,
                                        config: OutboxRelayConfig(pollInterval: 0.2, retryDelay: 0.2, maxRetryDelay: 0.5),
                                        service: "test", logger: database.logger)
                try await enqueueStockEvents(1, on: database)
                let id = try await database.query("SELECT event_id FROM outbox").first!.decode(UUID.self)
                try await whileRunning([{ try await relay.run() }, { try await publisher.run() }]) {
                    // No queue is bound: every attempt is returned, recorded, and the row stays unsent.
                    let retried = try await eventually(seconds: 20) {
                        try await database.query("SELECT attempts FROM outbox WHERE event_id = \(id)").first!.decode(Int.self) >= 2
                    }
                    #expect(retried, "returned and retried")
                    let unsent = try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL").first!.decode(Int.self)
                    #expect(unsent == 1, "a returned event is not marked sent")
                    // The consumer declares its topology; the next attempt reaches it.
                    let consumer = scope.consumer(recording.handlers, database: database)
                    try await whileRunning([{ try await consumer.run() }]) {
                        let applied = try await eventually(seconds: 20) { try await effectCounts(database)[id] == 1 }
                        #expect(applied)
                        let drained = try await eventually {
                            try await database.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL").first!.decode(Int.self) == 0
                        }
                        #expect(drained, "marked sent once a queue took it")
                    }
                }
            }
        }
    }

    @Test func everyBindingIsAnEventTypeMercatoPublishes() {
        let published = Set(EventCatalog.all.map { $0.routingKey })
        #expect(EventBindings.consumedRoutingKeys.isSubset(of: published))
        #expect(EventBindings.isConsumed(OrderCreated.routingKey))
        #expect(!EventBindings.isConsumed(StockUpdated.routingKey), "no service consumes stock-updated: published without mandatory")
    }
}

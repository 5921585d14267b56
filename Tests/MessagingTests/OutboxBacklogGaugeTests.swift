import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import MetricsTestKit
import Testing

/// The outbox gauges tell the truth while the relay cannot publish: they are read from the table by a loop of their own.
/// (Before, the relay updated them only after a successful drain, so a relay retrying or stuck froze them at a stale
/// value: 1 row 0.04 s old while the table held 4 rows over 3 minutes old.)
@Suite struct OutboxBacklogGaugeTests {
    @Test(.timeLimit(.minutes(1)))
    func theBacklogGaugesFollowTheTableWhileEveryPublishFails() async throws {
        try await withMessagingDatabase { database in
            let publisher = RecordingPublisher()
            publisher.failAfter.withLock { $0 = 0 }
            let metrics = TestMetrics()
            let relay = OutboxRelay(database: database, publisher: publisher,
                                    config: OutboxRelayConfig(pollInterval: 0.1, retryDelay: 30, maxRetryDelay: 30),
                                    service: "gauged", logger: database.logger, metrics: metrics)
            try await enqueueStockEvents(3, on: database)
            func backlog() -> Double? { (try? metrics.expectGauge("outbox_backlog", [("service", "gauged")]))?.lastValue }
            try await whileRunning([{ try await relay.run() }]) {
                // The relay failed its first publish and now waits 30 s to retry; the gauges keep up with the table.
                #expect(await eventually(seconds: 10) { backlog() == 3 })
                try await enqueueStockEvents(1, on: database)
                #expect(await eventually(seconds: 10) { backlog() == 4 }, "a row added while the relay waits is counted")
                let age = try metrics.expectGauge("outbox_oldest_unsent_age_seconds", [("service", "gauged")])
                #expect(await eventually(seconds: 10) { (age.lastValue ?? 0) > 0.5 }, "the oldest row's age grows")
            }
            #expect(publisher.all.isEmpty)
        }
    }
}

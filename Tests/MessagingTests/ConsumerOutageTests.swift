import Contracts
import Foundation
import MercatoCore
import MercatoTestSupport
import Messaging
import Testing

/// The consumer while its database is away, against a PostgreSQL server of the test's own and the real broker: it
/// stops taking work instead of holding deliveries or walking them to the dead-letter queue, and resumes by itself.
@Suite(.serialized) struct ConsumerOutageTests {
    @Test(.timeLimit(.minutes(3)))
    func deliveriesWaitInTheQueueWhileTheDatabaseIsDownAndApplyOnceItReturns() async throws {
        let postgres = try DisposablePostgres.start()
        defer { postgres.remove() }
        try await withMessagingDatabase(config: postgres.config()) { database in
            try await createEffectsTable(database)
            // Retries would walk a failing delivery to the DLQ within a second; a pause must never let that happen.
            try await BrokerScope.with(retryDelays: [0.1, 0.1]) { scope in
                let recording = RecordingHandlers()
                let consumer = scope.consumer(recording.handlers, database: database)
                try await whileRunning([{ try await consumer.run() }]) {
                    let first = UUID()
                    try await scope.publishDirect(try stockEventBody(id: first), type: StockUpdated.eventType)
                    #expect(try await eventually { try await effectCounts(database)[first] == 1 })

                    try postgres.stopServer()
                    let during = (0..<20).map { _ in UUID() }
                    for id in during {
                        try await scope.publishDirect(try stockEventBody(id: id), type: StockUpdated.eventType,
                                                      subject: "p-\(id)")
                    }
                    // Long enough for every lane to find the database away and for retries to have run out, were they used.
                    try await Task.sleep(for: .seconds(4))
                    #expect(try await DeadLetterQueue(service: scope.service, connection: scope.connection).count() == 0)
                    try postgres.startServer()

                    #expect(try await eventually(seconds: 30) {
                        ((try? await effectCounts(database)) ?? [:]).filter { during.contains($0.key) }.count == during.count
                    }, "every event published during the outage applied once the database returned")
                    let counts = try await effectCounts(database)
                    #expect(during.allSatisfy { counts[$0] == 1 }, "each exactly once")
                    // No handler ever ran while the database was away, so no retry copy was made: every event applied
                    // on its first delivery attempt.
                    let attempts = try await database.query("SELECT DISTINCT attempt FROM effects").map { try $0.decode(Int.self) }
                    #expect(attempts == [1])
                }
                #expect(try await DeadLetterQueue(service: scope.service, connection: scope.connection).count() == 0)
            }
        }
    }
}

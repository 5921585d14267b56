import AsyncHTTPClient
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import MercatoTestSupport
import Synchronization
import Testing
@testable import NotificationsService

/// `GET /api/v1/notifications/stream` against a live server with the stream listener running.
@Suite struct StreamHTTPTests {
    static func decode(_ block: EventStreamReader.Block?) throws -> NotificationRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(NotificationRecord.self, from: Data(try #require(block?.data).utf8))
    }

    @Test func aConnectedClientReceivesANotificationCreatedAfterwards() async throws {
        try await NotificationsTestApp.run(services: true, mode: .live) { app in
            let ada = UUID()
            let port = try #require(app.client.port)
            try await withStreamClient { client in
                var stream = try await EventStreamReader.open(port: port, authorization: TestCaller.user(ada).authorization, client: client)
                #expect(stream.status == 200)
                #expect(stream.contentType == "text/event-stream")
                #expect(try await stream.next()?.comment == "connected")
                // Someone else's notification must not arrive on Ada's stream.
                try await app.events.apply(EventBodies.registered(UUID(), email: "bob@example.test", name: "Bob"))
                try await app.events.apply(EventBodies.registered(ada))
                let block = try await stream.nextEvent()
                #expect(block?.event == "notification")
                let record = try Self.decode(block)
                #expect(record.subject == "Welcome to Mercato, Ada!")
                #expect(block?.id == record.id.uuidString.lowercased())
                let listed = try await app.list(as: .user(ada)).items.first?.id
                #expect(listed == record.id)
            }
        }
    }

    @Test func heartbeatsKeepTheStreamAlive() async throws {
        try await NotificationsTestApp.run(services: true, mode: .live) { app in
            let port = try #require(app.client.port)
            try await withStreamClient { client in
                var stream = try await EventStreamReader.open(port: port, authorization: TestCaller.user(UUID()).authorization, client: client)
                #expect(try await stream.next()?.comment == "connected")
                #expect(try await stream.next()?.comment == "heartbeat")
                #expect(try await stream.next()?.comment == "heartbeat")
            }
        }
    }

    @Test func lastEventIDReplaysWhatCameAfterIt() async throws {
        try await NotificationsTestApp.run(services: true, mode: .live) { app in
            let ada = UUID()
            try await NotificationListHTTPTests.seed(app, user: ada, drops: 2)
            let oldestFirst = try await app.list(as: .user(ada)).items.reversed().map(\.id)
            let port = try #require(app.client.port)
            try await withStreamClient { client in
                var stream = try await EventStreamReader.open(port: port, authorization: TestCaller.user(ada).authorization,
                                                              lastEventID: oldestFirst[0].uuidString, client: client)
                #expect(try Self.decode(try await stream.nextEvent()).id == oldestFirst[1])
                #expect(try Self.decode(try await stream.nextEvent()).id == oldestFirst[2])
                try await app.events.apply(EventBodies.priceChanged(from: 800, to: 700))
                #expect(try Self.decode(try await stream.nextEvent()).subject == "Price drop: Espresso beans now 7.00 EUR")
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func gracefulShutdownEndsOpenStreamsCleanly() async throws {
        try await withStreamClient { client in
            let (ports, announce) = AsyncStream<Int>.makeStream()
            let (opened, signalOpened) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next() else { return -1 }
                    var stream = try await EventStreamReader.open(port: port, authorization: TestCaller.user(UUID()).authorization, client: client)
                    var blocks = 0
                    // Ends without an error only if the server finishes the response properly.
                    while try await stream.next() != nil {
                        blocks += 1
                        if blocks == 1 { signalOpened.yield() }
                    }
                    signalOpened.finish()
                    return blocks
                }
                let shutdownBegan = Mutex<ContinuousClock.Instant?>(nil)
                try await NotificationsTestApp.run(services: true, mode: .live) { app in
                    announce.yield(try #require(app.client.port))
                    // Shut down only once the stream is open and has delivered its first block (a busy machine is slow).
                    var openedIterator = opened.makeAsyncIterator()
                    _ = await openedIterator.next()
                    try await Task.sleep(for: .milliseconds(300))
                    shutdownBegan.withLock { $0 = .now }
                }
                let blocks = try await group.next()
                #expect((blocks ?? 0) >= 1, "the stream was open when shutdown began")
                // The server gives in-flight requests 10 s: a stream the hub did not end would hold shutdown that long.
                let shutdown = ContinuousClock.now - (shutdownBegan.withLock { $0 } ?? .now)
                #expect(shutdown < .seconds(8), "shutdown did not wait for the stream's client")
            }
        }
    }

    @Test func refusedStreamsAreProblems() async throws {
        try await NotificationsTestApp.run { app in
            let path = "/api/v1/notifications/stream"
            try await app.send(.get, path).expectProblem(.unauthorized)
            try await app.send(.get, path, as: .token("Bearer x.y.z")).expectProblem(.unauthorized)
            try await app.send(.get, path, as: .token(TestTokens.bearer(roles: [.customer], subject: "svc"))).expectProblem(.forbidden)
            try await app.send(.get, path, as: .user(UUID()), headers: [HTTPField.Name("Last-Event-ID")!: "not-an-id"]).expectProblem(.badRequest)
            let oversized = String(repeating: "a", count: 4000)
            try await app.send(.get, path, as: .user(UUID()), headers: [HTTPField.Name("Last-Event-ID")!: oversized]).expectProblem(.badRequest)
        }
    }
}

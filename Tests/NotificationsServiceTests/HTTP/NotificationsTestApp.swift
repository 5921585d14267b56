import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import NIOCore
import Testing
@testable import NotificationsService

/// The notifications application on a fresh database, with the event handlers to feed it.
struct NotificationsTestApp: Sendable {
    let client: any TestClientProtocol
    let database: Database
    let events: EventApplier

    /// Runs `body` against a new application. `services` also runs the services `buildApplication` returns
    /// (email dispatcher, stream listener); `mode` `.live` opens a real port.
    static func run(values: [AbsoluteConfigKey: ConfigValue] = [:], bodyLimit: Int = 1 << 20, services: Bool = false,
                    mode: TestingSetup = .router, _ body: @escaping @Sendable (NotificationsTestApp) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "notifications")
        // The email dispatcher (when `services`) talks to a closed port unless a test names a sink.
        var settings = smtpValues(port: try await closedLoopbackPort(), maxAttempts: 1)
        // The event consumer (when `services`) must not reach a shared broker: events come through `events` here.
        settings["amqp.url"] = .init(.string("amqp://guest:guest@127.0.0.1:\(try await closedLoopbackPort())/"), isSecret: true)
        settings["notifications.streamHeartbeat"] = 0.2
        settings.merge(values) { _, new in new }
        let environment = TestEnvironment.make(definition: NotificationsService.definition, postgres: postgres,
                                               auth: AuthConfig(serviceAudience: NotificationsService.definition.name), values: settings,
                                               bodyLimit: bodyLimit)
        let built = try await NotificationsService.buildApplication(environment: environment, keySource: TestTokens.keySource)
        var app = built.app
        if services { app.addServices(built.services) }
        let events = try EventApplier(database: environment.database)
        try await app.test(mode) { client in
            let testApp = NotificationsTestApp(client: client, database: environment.database, events: events)
            if services { try await testApp.waitForListeners() }
            try await body(testApp)
        }
    }

    /// Waits until the email dispatcher's and the stream listener's LISTEN connections are open, so a NOTIFY sent
    /// from now on is heard.
    func waitForListeners() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let rows = try await database.query("""
                SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'
                """)
            if try rows.first?.decode(Int.self) ?? 0 >= 2 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the LISTEN connections did not open within 10 s")
    }

    /// Sends a request as `caller`; `json` goes as `application/json` unless `contentType` says otherwise.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: TestCaller = .anonymous, json: String? = nil,
              contentType: String? = "application/json", headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let authorization = caller.authorization { headers[.authorization] = authorization }
        if json != nil, let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// The caller's notifications page at `query`, which must succeed.
    func list(as caller: TestCaller, query: String = "") async throws -> ListedPage {
        let response = try await send(.get, "/api/v1/notifications" + query, as: caller)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.decoded(ListedPage.self)
    }
}

/// Who a request is sent as.
enum TestCaller: Sendable {
    case anonymous
    case user(UUID)
    case admin(UUID)
    case token(String)

    var authorization: String? {
        switch self {
        case .anonymous: return nil
        case .user(let id): return TestTokens.bearer(roles: [.customer], subject: id.uuidString.lowercased())
        case .admin(let id): return TestTokens.bearer(roles: [.admin], subject: id.uuidString.lowercased())
        case .token(let value): return value
        }
    }
}

/// A page as a client decodes it.
struct ListedPage: Decodable, Sendable {
    var items: [NotificationRecord]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }
}

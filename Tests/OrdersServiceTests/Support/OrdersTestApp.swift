import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import NIOCore
import Resilience
import Testing
@testable import OrdersService

/// The orders application on a fresh database, pricing through a `CatalogStub` (or an unreachable catalog).
struct OrdersTestApp: Sendable {
    let client: any TestClientProtocol
    let database: Database
    let catalog: CatalogStub

    /// Runs `body` against a new application whose catalog is `catalog` served on a local port (`reachable`), or a
    /// port nobody listens on.
    static func run(catalog: CatalogStub = CatalogStub(), reachable: Bool = true, values: [AbsoluteConfigKey: ConfigValue] = [:],
                    bodyLimit: Int = 1 << 20, _ body: @escaping @Sendable (OrdersTestApp) async throws -> Void) async throws {
        guard reachable else {
            return try await start(catalog: catalog, catalogURL: "http://127.0.0.1:1", values: values, bodyLimit: bodyLimit, body)
        }
        try await catalog.serve { url in try await start(catalog: catalog, catalogURL: url, values: values, bodyLimit: bodyLimit, body) }
    }

    private static func start(catalog: CatalogStub, catalogURL: String, values: [AbsoluteConfigKey: ConfigValue], bodyLimit: Int,
                              _ body: @escaping @Sendable (OrdersTestApp) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "orders")
        var settings: [AbsoluteConfigKey: ConfigValue] = [
            "orders.catalogURL": .init(.string(catalogURL), isSecret: false),
            // The outbox relay must not reach a shared broker: rows stay in the outbox for the tests to read.
            "amqp.url": .init(.string("amqp://guest:guest@127.0.0.1:1/"), isSecret: true),
            "resilience.catalog.backoffBase": 0.01,
            "resilience.catalog.backoffMax": 0.02,
        ]
        settings.merge(values) { _, new in new }
        let environment = TestEnvironment.make(definition: OrdersService.definition, postgres: postgres,
                                               auth: AuthConfig(serviceAudience: "orders"), values: settings, bodyLimit: bodyLimit)
        let built = try await OrdersService.buildApplication(environment: environment, keySource: TestTokens.keySource,
                                                             tokenSource: StaticToken(value: CatalogStub.token))
        var app = built.app
        // Only the HTTP client's owner runs (so the client is shut down); the sweep and the consumer are driven directly.
        app.addServices(built.services.filter { $0 is OwnedHTTPClient })
        try await app.test(.router) { client in
            try await body(OrdersTestApp(client: client, database: environment.database, catalog: catalog))
        }
    }

    /// Sends a request as `caller`; `json` goes as `application/json` unless `contentType` says otherwise.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: TestCaller = .anonymous, json: String? = nil,
              contentType: String? = "application/json", idempotencyKey: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let authorization = caller.authorization { headers[.authorization] = authorization }
        if json != nil, let contentType { headers[.contentType] = contentType }
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Places an order for `caller` under `key`.
    @discardableResult
    func place(_ json: String, as caller: TestCaller, key: String? = UUID().uuidString) async throws -> TestResponse {
        try await send(.post, "/api/v1/orders", as: caller, json: json, idempotencyKey: key)
    }
}

/// A token source that always answers the same token.
struct StaticToken: ServiceTokenSource {
    var value: String
    func token() async throws -> String { value }
}

/// Who a request is sent as.
enum TestCaller: Sendable {
    case anonymous
    case customer(UUID)
    case staff(UUID)
    case service(audience: String, scope: String)

    var authorization: String? {
        switch self {
        case .anonymous: return nil
        case .customer(let id): return TestTokens.bearer(roles: [.customer], subject: id.uuidString.lowercased())
        case .staff(let id): return TestTokens.bearer(roles: [.staff], subject: id.uuidString.lowercased())
        case .service(let audience, let scope):
            return "Bearer " + TestTokens.serviceToken(clientID: "mercato-check", audience: audience, scope: scope)
        }
    }
}

/// Order request bodies.
enum OrderJSON {
    /// A valid order of `items` (product id, quantity).
    static func order(_ items: [(UUID, Int)], token: String = "tok_visa", country: String = "DE") -> String {
        let lines = items.map { #"{"product_id":"\#($0.0)","quantity":\#($0.1)}"# }.joined(separator: ",")
        return """
            {"items":[\(lines)],
             "shipping_address":{"name":"Ada Lovelace","line1":"Hauptstr. 1","city":"Berlin","postal_code":"10115","country":"\(country)"},
             "payment":{"method":"card","token":"\(token)"}}
            """
    }
}

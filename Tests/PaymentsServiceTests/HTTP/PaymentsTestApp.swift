import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LocalCluster
import MercatoCore
import MercatoTestSupport
import NIOCore
import Testing
@testable import PaymentsService

/// The payments application on a fresh database, with the event handlers to feed it.
struct PaymentsTestApp: Sendable {
    let client: any TestClientProtocol
    let database: Database
    let events: EventApplier

    /// Runs `body` against a new application driven through the router.
    static func run(bodyLimit: Int = 1 << 20, _ body: @escaping @Sendable (PaymentsTestApp) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "payments")
        // The outbox publisher must not reach a shared broker: a port nobody listens on.
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "amqp.url": .init(.string("amqp://guest:guest@127.0.0.1:\(LoopbackPort.freePort() ?? 1)/"), isSecret: true),
        ]
        let environment = TestEnvironment.make(definition: PaymentsService.definition, postgres: postgres,
                                               auth: AuthConfig(serviceAudience: "payments"), values: values, bodyLimit: bodyLimit)
        let provider = TestPaymentProvider()
        let built = try await PaymentsService.buildApplication(environment: environment, keySource: TestTokens.keySource, provider: provider)
        let events = EventApplier(database: environment.database, provider: provider)
        try await built.app.test(.router) { client in
            try await body(PaymentsTestApp(client: client, database: environment.database, events: events))
        }
    }

    /// Sends a request as `caller`.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: TestCaller = .anonymous, json: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let authorization = caller.authorization { headers[.authorization] = authorization }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

/// Who a request is sent as.
enum TestCaller: Sendable {
    case anonymous
    case customer(UUID)
    case staff
    case admin
    case service(audience: String, scope: String)
    case token(String)

    var authorization: String? {
        switch self {
        case .anonymous: return nil
        case .customer(let id): return TestTokens.bearer(roles: [.customer], subject: id.uuidString.lowercased())
        case .staff: return TestTokens.bearer(roles: [.staff])
        case .admin: return TestTokens.bearer(roles: [.admin])
        case .service(let audience, let scope):
            return "Bearer " + TestTokens.serviceToken(clientID: "mercato-check", audience: audience, scope: scope)
        case .token(let value): return value
        }
    }
}

/// A payment as a client decodes it.
struct ListedPayment: Decodable, Sendable, Equatable {
    struct Money: Decodable, Sendable, Equatable {
        var amount: Int
        var currency: String
    }

    struct Refund: Decodable, Sendable, Equatable {
        var id: UUID
        var amount: Money
    }

    var id: UUID
    var orderID: UUID
    var status: String
    var amount: Money
    var refundedAmount: Money
    var failureCode: String?
    var createdAt: Date
    var updatedAt: Date
    var refunds: [Refund]

    enum CodingKeys: String, CodingKey {
        case id, orderID = "order_id", status, amount, refundedAmount = "refunded_amount", failureCode = "failure_code",
             createdAt = "created_at", updatedAt = "updated_at", refunds
    }
}

/// `{"items": [...]}` as a client decodes it.
struct ListedPayments: Decodable, Sendable {
    var items: [ListedPayment]
}
